import { valuesOf } from '$lib/server/forms';
import { failure, invalid, orError, success } from '$lib/server/pages';
import { listRoles } from '$lib/server/services/applications';
import { getGroup } from '$lib/server/services/groups';
import {
  deleteTenantLifecycle,
  getTenantLifecycle,
  previewTenantLifecycle,
  putTenantLifecycle,
  readLifecyclePolicyForm,
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
  save: async ({ request, locals, params }) => {
    const form = await request.formData();
    const read = readLifecyclePolicyForm(form);
    if (!read.ok) return invalid('policy', read.fieldErrors, valuesOf(form));
    try {
      await putTenantLifecycle(locals.api, params.tenantId, read.value);
      return success('policy', 'The tenant’s policy is saved; the preview shows what it would do now.');
    } catch (error) {
      return failure(error, 'policy', valuesOf(form));
    }
  },

  removeOverride: async ({ locals, params }) => {
    try {
      await deleteTenantLifecycle(locals.api, params.tenantId);
      return success('removeOverride', 'The tenant follows its environment’s policy again.');
    } catch (error) {
      return failure(error, 'removeOverride');
    }
  },

  run: async ({ locals, params }) => {
    try {
      await runTenantLifecycle(locals.api, params.tenantId);
      return success('run', 'The policy is running; its run appears below when it ends.');
    } catch (error) {
      return failure(error, 'run');
    }
  },
};
