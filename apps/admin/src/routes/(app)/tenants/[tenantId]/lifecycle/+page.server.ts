import { savePolicy } from '$lib/server/lifecycle';
import { orError, perform } from '$lib/server/pages';
import { listRoles } from '$lib/server/services/applications';
import { getGroup } from '$lib/server/services/groups';
import {
  deleteTenantLifecycle,
  getTenantLifecycle,
  previewTenantLifecycle,
  putTenantLifecycle,
  runTenantLifecycle,
  tenantLifecycleRuns,
} from '$lib/server/services/lifecycle';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent, locals, params }) => {
  const { environment } = await parent();
  const [lifecycle, preview, runs, roles] = await Promise.all([
    orError(getTenantLifecycle(locals.api, params.tenantId)),
    orError(previewTenantLifecycle(locals.api, params.tenantId)),
    orError(tenantLifecycleRuns(locals.api, params.tenantId)),
    orError(listRoles(locals.api, environment.id)),
  ]);
  // The override's group exceptions by name (a handful at most).
  const groupIds = lifecycle.source === 'tenant' ? (lifecycle.policy?.exceptGroupIds ?? []) : [];
  const groups = await Promise.all(groupIds.map((id) => orError(getGroup(locals.api, params.tenantId, id))));
  return { lifecycle, preview, runs, roles, groupNames: Object.fromEntries(groups.map((g) => [g.id, g.name])) };
};

export const actions: Actions = {
  save: ({ request, locals, params }) =>
    savePolicy(
      request,
      (policy) => putTenantLifecycle(locals.api, params.tenantId, policy),
      'The tenant’s policy is saved; the preview shows what it would do now.',
    ),

  removeOverride: ({ locals, params }) =>
    perform('removeOverride', 'The tenant follows its environment’s policy again.', () =>
      deleteTenantLifecycle(locals.api, params.tenantId),
    ),

  run: ({ locals, params }) =>
    perform('run', 'The policy is running; its run appears below when it ends.', () =>
      runTenantLifecycle(locals.api, params.tenantId),
    ),
};
