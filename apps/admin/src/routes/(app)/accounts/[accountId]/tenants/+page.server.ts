import { redirect } from '@sveltejs/kit';
import { text, valuesOf } from '$lib/server/forms';
import { homeOf } from '$lib/server/home';
import { failure, invalid, orError, success } from '$lib/server/pages';
import { readName } from '$lib/server/services/accounts';
import { createTenant, listTenantsOfAccount } from '$lib/server/services/tenants';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, locals, params }) => {
  const { operator, can } = await parent();
  // Billing operators read usage only; the API would refuse them the tenant lists.
  if (!can.manageUsers) redirect(303, homeOf(operator));
  // Tenant-admins get only the environments holding their tenants, and only their tenants (the API filters).
  return { groups: await orError(listTenantsOfAccount(locals.api, params.accountId)) };
};

export const actions: Actions = {
  createTenant: async ({ request, locals }) => {
    const form = await request.formData();
    const environmentId = text(form, 'environmentId');
    const name = readName(form);
    const fieldErrors = {
      ...(environmentId === '' ? { environmentId: 'Choose the environment the tenant belongs to.' } : {}),
      ...(name.ok ? {} : name.fieldErrors),
    };
    if (!name.ok || environmentId === '') return invalid('createTenant', fieldErrors, valuesOf(form));
    try {
      const tenant = await createTenant(locals.api, environmentId, name.value);
      return success('createTenant', `Tenant “${tenant.name}” created.`);
    } catch (error) {
      return failure(error, 'createTenant', valuesOf(form));
    }
  },
};
