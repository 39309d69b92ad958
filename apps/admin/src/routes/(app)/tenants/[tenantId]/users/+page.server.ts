import { redirect } from '@sveltejs/kit';
import { hrefWith } from '$lib/lists';
import { failure, invalid, orError } from '$lib/server/pages';
import { listRoles } from '$lib/server/services/applications';
import { ServiceError } from '$lib/server/services/errors';
import { getGroup, type Group } from '$lib/server/services/groups';
import { listUsers, runBulkAction } from '$lib/server/services/users';
import { readBulkAction } from '$lib/server/user-bulk';
import { isFiltered, readUserListState, USER_PAGE_SIZE, userListQuery } from '$lib/server/user-list';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
  const state = readUserListState(url.searchParams);
  const { environment } = await parent();
  const [roles, group] = await Promise.all([
    orError(listRoles(locals.api, environment.id)),
    state.groupId ? orError(groupOrNull(locals.api, params.tenantId, state.groupId)) : null,
  ]);
  // A link to a deleted group or an undeclared role opens the whole list rather than an error page.
  if (!group) state.groupId = '';
  if (!roles.some((role) => role.key === state.roleKey)) state.roleKey = '';

  const page = await orError(
    listUsers(locals.api, params.tenantId, userListQuery(state)).catch((cause: unknown) => {
      // A cursor outlives its data (a restored tab, a bookmark): start the list over instead.
      if (cause instanceof ServiceError && state.cursor && cause.fieldErrors.cursor) {
        redirect(303, hrefWith(url, { cursor: null }));
      }
      throw cause;
    }),
  );

  const { cursor: _cursor, sort, ...filters } = state;
  return {
    users: page.items,
    nextCursor: page.nextCursor,
    total: page.total ?? null,
    sort,
    filters,
    filtered: isFiltered(filters),
    group: group ? { id: group.id, label: group.name } : null,
    roles,
    pageSize: USER_PAGE_SIZE,
  };
};

async function groupOrNull(...args: Parameters<typeof getGroup>): Promise<Group | null> {
  try {
    return await getGroup(...args);
  } catch (cause) {
    if (cause instanceof ServiceError && cause.kind === 'not-found') return null;
    throw cause;
  }
}

export const actions: Actions = {
  bulk: async ({ locals, params, request }) => {
    const read = readBulkAction(await request.formData());
    if (!read.ok) return invalid('bulk', read.fieldErrors, {}, read.message);
    try {
      const result = await runBulkAction(locals.api, params.tenantId, read.body);
      return { form: 'bulk', action: read.body.action, result };
    } catch (cause) {
      return failure(cause, 'bulk');
    }
  },
};
