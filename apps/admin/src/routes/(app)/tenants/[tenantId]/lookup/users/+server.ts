import { json } from '@sveltejs/kit';
import { LOOKUP_LIMIT, type LookupResult } from '$lib/lookup';
import { orError } from '$lib/server/pages';
import { listUsers } from '$lib/server/services/users';
import type { RequestHandler } from './$types';

/** Registered users of the tenant matching `search` (username, name or email), for pickers. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const search = url.searchParams.get('search')?.trim().slice(0, 200) ?? '';
  const page = await orError(
    listUsers(locals.api, params.tenantId, {
      limit: LOOKUP_LIMIT,
      kind: 'registered',
      sort: 'username',
      ...(search ? { search } : {}),
    }),
  );
  return json({
    items: page.items.map((user) => ({
      id: user.id,
      label: user.username ?? '(anonymous)',
      detail: [user.name, user.email, user.isActive ? null : 'inactive'].filter(Boolean).join(' · '),
    })),
  } satisfies LookupResult);
};
