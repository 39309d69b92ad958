import { text } from '$lib/server/forms';
import { failure, invalid, orError, success } from '$lib/server/pages';
import { getRole } from '$lib/server/services/applications';
import { listGroupsGrantingRole } from '$lib/server/services/groups';
import { grantRoleToUser, listUsers, revokeRoleFromUser } from '$lib/server/services/users';
import type { Actions, PageServerLoad } from './$types';

const HOLDERS_PAGE_SIZE = 50;

/** Which holders the list shows: `?source=direct|group`, all of them when absent. */
type HolderSource = 'all' | 'direct' | 'group';

function holderSource(value: string | null): HolderSource {
  return value === 'direct' || value === 'group' ? value : 'all';
}

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
  const { tenantId, roleKey } = params;
  const source = holderSource(url.searchParams.get('source'));
  const search = url.searchParams.get('search')?.trim().slice(0, 200) ?? '';
  const cursor = url.searchParams.get('cursor');
  const { environment } = await parent();
  // The role first: an unknown key is a 404 with its own message, not the lists' 400 or 404.
  const role = await orError(getRole(locals.api, environment.id, roleKey));
  const [groups, holders] = await Promise.all([
    orError(listGroupsGrantingRole(locals.api, tenantId, roleKey)),
    orError(
      listUsers(locals.api, tenantId, {
        roleKey,
        ...(source === 'all' ? {} : { roleSource: source }),
        limit: HOLDERS_PAGE_SIZE,
        sort: 'username',
        ...(search ? { search } : {}),
        ...(cursor ? { cursor } : { includeTotal: 'true' }),
      }),
    ),
  ]);
  return { role, groups, holders, source, search, holdersPageSize: HOLDERS_PAGE_SIZE };
};

/** The username the page sent along with a user id, for messages (the API answers 204 without it). */
function usernameIn(form: FormData): string {
  return text(form, 'username').slice(0, 250) || 'The user';
}

export const actions: Actions = {
  grantDirect: async ({ locals, params, request }) => {
    const form = await request.formData();
    const userId = text(form, 'userId');
    if (!userId) return invalid('grant-direct', { userId: 'Choose a user from the list first.' });
    try {
      await grantRoleToUser(locals.api, params.tenantId, userId, params.roleKey);
    } catch (cause) {
      return failure(cause, 'grant-direct');
    }
    return success('grant-direct', `“${usernameIn(form)}” now holds this role directly.`);
  },

  revokeDirect: async ({ locals, params, request }) => {
    const form = await request.formData();
    const userId = text(form, 'userId');
    if (!userId) return invalid('revoke-direct', {}, {}, 'Choose the user whose grant to revoke.');
    try {
      await revokeRoleFromUser(locals.api, params.tenantId, userId, params.roleKey);
    } catch (cause) {
      return failure(cause, 'revoke-direct');
    }
    // No toast: the page offers an undo beside the list instead.
    return { form: 'revoke-direct', revoked: { userId, username: usernameIn(form) } };
  },
};
