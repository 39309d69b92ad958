import { redirect } from '@sveltejs/kit';
import { valuesOf } from '$lib/server/forms';
import { failure, invalid, orError, redirectWithNotice, success } from '$lib/server/pages';
import { readName } from '$lib/server/services/accounts';
import { listApplications } from '$lib/server/services/applications';
import {
  deleteEnvironment,
  getEnvironment,
  getEnvironmentDomains,
  readDomainList,
  readEnvironmentForm,
  replaceEnvironmentDomains,
  updateEnvironment,
} from '$lib/server/services/environments';
import { getEnvironmentLifecycle } from '$lib/server/services/lifecycle';
import { createTenant, listTenants } from '$lib/server/services/tenants';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, locals, params }) => {
  const { can, account } = await parent();
  // Environments are configured by owners and admins; tenant-admins work from their tenants.
  if (!can.manageEnvironments) redirect(303, `/accounts/${account.id}/tenants`);
  const [domains, applications, tenants, lifecycle] = await Promise.all([
    orError(getEnvironmentDomains(locals.api, params.environmentId)),
    orError(listApplications(locals.api, params.environmentId)),
    orError(listTenants(locals.api, params.environmentId)),
    orError(getEnvironmentLifecycle(locals.api, params.environmentId)),
  ]);
  return { domains, applications, tenants, lifecycle };
};

export const actions: Actions = {
  updateEnvironment: async ({ request, locals, params }) => {
    const form = await request.formData();
    const read = readEnvironmentForm(form);
    if (!read.ok) return invalid('settings', read.fieldErrors, valuesOf(form));
    try {
      await updateEnvironment(locals.api, params.environmentId, read.value);
      return success('settings', 'Environment saved.');
    } catch (error) {
      return failure(error, 'settings', valuesOf(form));
    }
  },

  saveDomains: async ({ request, locals, params }) => {
    const { domains, values } = readDomainList(await request.formData());
    try {
      const saved = await replaceEnvironmentDomains(locals.api, params.environmentId, domains);
      return success('domains', saved.length === 0 ? 'Internal domains cleared.' : 'Internal domains saved.');
    } catch (error) {
      return failure(error, 'domains', values);
    }
  },

  createTenant: async ({ request, locals, params }) => {
    const form = await request.formData();
    const name = readName(form);
    if (!name.ok) return invalid('createTenant', name.fieldErrors, valuesOf(form));
    try {
      const tenant = await createTenant(locals.api, params.environmentId, name.value);
      return success('createTenant', `Tenant “${tenant.name}” created.`);
    } catch (error) {
      return failure(error, 'createTenant', valuesOf(form));
    }
  },

  deleteEnvironment: async ({ locals, params }) => {
    let accountId: string;
    try {
      ({ accountId } = await getEnvironment(locals.api, params.environmentId));
      await deleteEnvironment(locals.api, params.environmentId);
    } catch (error) {
      return failure(error, 'deleteEnvironment');
    }
    // This page is gone: the list says what happened.
    redirectWithNotice(`/accounts/${accountId}/environments`, 'Environment deleted.');
  },
};
