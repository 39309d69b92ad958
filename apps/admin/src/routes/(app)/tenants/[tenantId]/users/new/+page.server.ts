import { error } from '@sveltejs/kit';
import { failure, invalid, redirectWithNotice } from '$lib/server/pages';
import { createUser } from '$lib/server/services/users';
import { userFormError } from '$lib/server/user-form';
import { createUserBody, keptValues, readUserForm, userFormProblems } from '$lib/user-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
  const { can } = await parent();
  if (!can.manageUsers) error(403, 'Your role does not allow creating users.');
  return {};
};

export const actions: Actions = {
  default: async ({ locals, params, request }) => {
    const values = readUserForm(await request.formData());
    const problems = userFormProblems(values, { mode: 'create' });
    if (Object.keys(problems).length > 0) return invalid('user', problems, keptValues(values));
    let userId: string;
    try {
      userId = (await createUser(locals.api, params.tenantId, createUserBody(values))).id;
    } catch (cause) {
      return failure(userFormError(cause), 'user', keptValues(values));
    }
    redirectWithNotice(`/tenants/${params.tenantId}/users/${userId}`, 'User created.');
  },
};
