import { redirect } from '@sveltejs/kit';
import { valuesOf } from '$lib/server/forms';
import { failure, invalid, orError, success } from '$lib/server/pages';
import { listRoles } from '$lib/server/services/applications';
import {
  environmentLifecycleRuns,
  getEnvironmentLifecycle,
  previewEnvironmentLifecycle,
  putEnvironmentLifecycle,
  readLifecyclePolicyForm,
  runEnvironmentLifecycle,
} from '$lib/server/services/lifecycle';
import { listTenants } from '$lib/server/services/tenants';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, locals, params }) => {
  const { can, account } = await parent();
  // An environment's policy is its owners' and admins'; tenant-admins see their tenants' Lifecycle tab.
  if (!can.manageEnvironments) redirect(303, `/accounts/${account.id}/tenants`);
  const [lifecycle, preview, runs, roles, tenants] = await Promise.all([
    orError(getEnvironmentLifecycle(locals.api, params.environmentId)),
    orError(previewEnvironmentLifecycle(locals.api, params.environmentId)),
    orError(environmentLifecycleRuns(locals.api, params.environmentId)),
    orError(listRoles(locals.api, params.environmentId)),
    orError(listTenants(locals.api, params.environmentId)),
  ]);
  const tenantNames = Object.fromEntries(tenants.map((tenant) => [tenant.id, tenant.name]));
  return { lifecycle, preview, runs, roles, tenantNames };
};

export const actions: Actions = {
  save: async ({ request, locals, params }) => {
    const form = await request.formData();
    const read = readLifecyclePolicyForm(form);
    if (!read.ok) return invalid('policy', read.fieldErrors, valuesOf(form));
    try {
      await putEnvironmentLifecycle(locals.api, params.environmentId, read.value);
      return success('policy', 'The environment’s policy is saved; the preview shows what it would do now.');
    } catch (error) {
      return failure(error, 'policy', valuesOf(form));
    }
  },

  run: async ({ locals, params }) => {
    try {
      await runEnvironmentLifecycle(locals.api, params.environmentId);
      return success('run', 'The policy is running in each tenant that follows it; the runs appear below.');
    } catch (error) {
      return failure(error, 'run');
    }
  },
};
