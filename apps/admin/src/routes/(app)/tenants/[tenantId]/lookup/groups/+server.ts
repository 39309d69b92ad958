import { json } from '@sveltejs/kit';
import { LOOKUP_LIMIT, type LookupResult } from '$lib/lookup';
import { orError } from '$lib/server/pages';
import { listGroups } from '$lib/server/services/groups';
import type { RequestHandler } from './$types';

/** Groups of the tenant whose name contains `search`, for pickers (add to group, filter by group). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
  const search = url.searchParams.get('search')?.trim().slice(0, 200) ?? '';
  const page = await orError(
    listGroups(locals.api, params.tenantId, { limit: LOOKUP_LIMIT, ...(search ? { search } : {}) }),
  );
  return json({
    items: page.items.map((group) => ({
      id: group.id,
      label: group.name,
      detail: `${group.memberCount.toLocaleString('en-US')} member${group.memberCount === 1 ? '' : 's'}`,
    })),
  } satisfies LookupResult);
};
