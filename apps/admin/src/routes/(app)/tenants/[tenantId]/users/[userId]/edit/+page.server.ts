import { error } from '@sveltejs/kit';
import { failure, invalid, orError, redirectWithNotice } from '$lib/server/pages';
import { getUser, updateUser } from '$lib/server/services/users';
import { userFormError } from '$lib/server/user-form';
import { keptValues, readUserForm, updateUserBody, userFormProblems } from '$lib/user-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
  const { can } = await parent();
  if (!can.manageUsers) error(403, 'Your role does not allow editing users.');
  return { user: await orError(getUser(locals.api, params.tenantId, params.userId)) };
};

export const actions: Actions = {
  default: async ({ locals, params, request }) => {
    const values = readUserForm(await request.formData());
    const userPage = `/tenants/${params.tenantId}/users/${params.userId}`;
    let changed: boolean;
    try {
      // Compared with the user as stored now, so only what the operator changed is sent.
      const current = await getUser(locals.api, params.tenantId, params.userId);
      const problems = userFormProblems(values, { mode: 'edit', user: current });
      if (Object.keys(problems).length > 0) return invalid('user', problems, keptValues(values));
      const body = updateUserBody(values, current);
      changed = Object.keys(body).length > 0;
      if (changed) await updateUser(locals.api, params.tenantId, params.userId, body);
    } catch (cause) {
      return failure(userFormError(cause), 'user', keptValues(values));
    }
    redirectWithNotice(userPage, changed ? 'Changes saved.' : 'Nothing to save: no field changed.');
  },
};
