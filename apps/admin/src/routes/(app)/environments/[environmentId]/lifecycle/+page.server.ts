import { redirect } from '@sveltejs/kit';
import { savePolicy } from '$lib/server/lifecycle';
import { orError, perform } from '$lib/server/pages';
import { listRoles } from '$lib/server/services/applications';
import {
  environmentLifecycleRuns,
  getEnvironmentLifecycle,
  previewEnvironmentLifecycle,
  putEnvironmentLifecycle,
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
  save: ({ request, locals, params }) =>
    savePolicy(
      request,
      (policy) => putEnvironmentLifecycle(locals.api, params.environmentId, policy),
      'The environment’s policy is saved; the preview shows what it would do now.',
    ),

  run: ({ locals, params }) =>
    perform('run', 'The policy is running in each tenant that follows it; the runs appear below.', () =>
      runEnvironmentLifecycle(locals.api, params.environmentId),
    ),
};
