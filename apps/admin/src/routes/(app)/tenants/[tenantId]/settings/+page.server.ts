import { text, valuesOf } from '$lib/server/forms';
import { failure, invalid, orError, redirectWithNotice, success } from '$lib/server/pages';
import { readName } from '$lib/server/services/accounts';
import { getEnvironmentDomains, readDomainList } from '$lib/server/services/environments';
import {
  deleteTenant,
  getTenant,
  getTenantDomains,
  renameTenant,
  replaceTenantDomains,
} from '$lib/server/services/tenants';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, locals, params }) => {
  const { can, environment } = await parent();
  const [domains, environmentDomains] = await Promise.all([
    orError(getTenantDomains(locals.api, params.tenantId)),
    // The environment's list applies here too; only owners and admins may read it.
    can.manageEnvironments ? orError(getEnvironmentDomains(locals.api, environment.id)) : Promise.resolve(null),
  ]);
  return { domains, environmentDomains };
};

export const actions: Actions = {
  rename: async ({ request, locals, params }) => {
    const form = await request.formData();
    const name = readName(form);
    if (!name.ok) return invalid('rename', name.fieldErrors, valuesOf(form));
    try {
      await renameTenant(locals.api, params.tenantId, name.value);
      return success('rename', 'Tenant renamed.');
    } catch (error) {
      return failure(error, 'rename', valuesOf(form));
    }
  },

  saveDomains: async ({ request, locals, params }) => {
    const { domains, values } = readDomainList(await request.formData());
    try {
      const saved = await replaceTenantDomains(locals.api, params.tenantId, domains);
      return success('domains', saved.length === 0 ? 'Internal domains cleared.' : 'Internal domains saved.');
    } catch (error) {
      return failure(error, 'domains', values);
    }
  },

  deleteTenant: async ({ request, locals, params }) => {
    const form = await request.formData();
    let accountId: string;
    try {
      const tenant = await getTenant(locals.api, params.tenantId);
      // The typed name is checked here too, so a form posted without the dialog's check cannot delete.
      if (text(form, 'confirmName') !== tenant.name) {
        return invalid(
          'deleteTenant',
          { confirmName: `Type the tenant’s name exactly: ${tenant.name}` },
          valuesOf(form),
          'The name you typed does not match the tenant’s name.',
        );
      }
      accountId = tenant.accountId;
      await deleteTenant(locals.api, params.tenantId);
    } catch (error) {
      return failure(error, 'deleteTenant');
    }
    // The tenant's pages are gone: its account's list says what happened.
    redirectWithNotice(`/accounts/${accountId}/tenants`, 'Tenant deleted, with its users, groups and role grants.');
  },
};
