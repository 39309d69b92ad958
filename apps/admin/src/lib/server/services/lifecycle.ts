import type { RosterClient, Schemas } from '@roster/api-client';
import { LIFECYCLE_DAYS_MAX, LIFECYCLE_DAYS_MIN, LIFECYCLE_EXCEPTIONS_MAX } from '@roster/domain';
import { all, checked, text } from '$lib/server/forms';
import type { FormRead } from './accounts';
import { callApi, ServiceError } from './errors';

/** Dormant-user policies (API.md §10): an environment's policy, a tenant's override, previews and runs. */
export type LifecyclePolicy = Schemas['LifecyclePolicy'];
export type LifecyclePolicyInput = Schemas['LifecyclePolicyInput'];
export type EnvironmentLifecycle = Schemas['EnvironmentLifecyclePolicy'];
export type TenantLifecycle = Schemas['TenantLifecyclePolicy'];
export type LifecyclePreview = Schemas['LifecyclePreview'];
export type LifecycleRun = Schemas['LifecycleRun'];

const ENVIRONMENT_NOT_FOUND = 'This environment does not exist, or you have no access to it.';
const TENANT_NOT_FOUND = 'This tenant does not exist, or you have no access to it.';
const QUEUE_DOWN = 'The run could not be queued right now (the job queue is unavailable). Try again in a moment.';
/** How many runs the pages show: the latest ones. */
export const RUNS_SHOWN = 10;

export function getEnvironmentLifecycle(api: RosterClient, environmentId: string): Promise<EnvironmentLifecycle> {
  return callApi(
    () => api.GET('/api/v1/environments/{environmentId}/lifecycle-policy', { params: { path: { environmentId } } }),
    { 404: ENVIRONMENT_NOT_FOUND },
  );
}

export function putEnvironmentLifecycle(
  api: RosterClient,
  environmentId: string,
  body: LifecyclePolicyInput,
): Promise<EnvironmentLifecycle> {
  return withListErrors(
    callApi(
      () =>
        api.PUT('/api/v1/environments/{environmentId}/lifecycle-policy', { params: { path: { environmentId } }, body }),
      { 403: 'Only owners and admins set an environment’s policy.', 404: ENVIRONMENT_NOT_FOUND },
    ),
  );
}

/** The preview, or null while there is no policy to preview (404 then). */
export async function previewEnvironmentLifecycle(
  api: RosterClient,
  environmentId: string,
): Promise<LifecyclePreview | null> {
  return orNullWhenMissing(
    callApi(() =>
      api.GET('/api/v1/environments/{environmentId}/lifecycle-policy/preview', { params: { path: { environmentId } } }),
    ),
  );
}

export async function environmentLifecycleRuns(api: RosterClient, environmentId: string): Promise<LifecycleRun[]> {
  const page = await callApi(
    () =>
      api.GET('/api/v1/environments/{environmentId}/lifecycle-policy/runs', {
        params: { path: { environmentId }, query: { limit: RUNS_SHOWN } },
      }),
    { 404: ENVIRONMENT_NOT_FOUND },
  );
  return page.items;
}

export async function runEnvironmentLifecycle(api: RosterClient, environmentId: string): Promise<void> {
  await callApi(
    () =>
      api.POST('/api/v1/environments/{environmentId}/lifecycle-policy/run', { params: { path: { environmentId } } }),
    { 404: ENVIRONMENT_NOT_FOUND, 503: QUEUE_DOWN },
  );
}

export function getTenantLifecycle(api: RosterClient, tenantId: string): Promise<TenantLifecycle> {
  return callApi(() => api.GET('/api/v1/tenants/{tenantId}/lifecycle-policy', { params: { path: { tenantId } } }), {
    404: TENANT_NOT_FOUND,
  });
}

export function putTenantLifecycle(
  api: RosterClient,
  tenantId: string,
  body: LifecyclePolicyInput,
): Promise<TenantLifecycle> {
  return withListErrors(
    callApi(() => api.PUT('/api/v1/tenants/{tenantId}/lifecycle-policy', { params: { path: { tenantId } }, body }), {
      404: TENANT_NOT_FOUND,
    }),
  );
}

export async function deleteTenantLifecycle(api: RosterClient, tenantId: string): Promise<void> {
  await callApi(() => api.DELETE('/api/v1/tenants/{tenantId}/lifecycle-policy', { params: { path: { tenantId } } }), {
    404: TENANT_NOT_FOUND,
  });
}

export async function previewTenantLifecycle(api: RosterClient, tenantId: string): Promise<LifecyclePreview | null> {
  return orNullWhenMissing(
    callApi(() => api.GET('/api/v1/tenants/{tenantId}/lifecycle-policy/preview', { params: { path: { tenantId } } })),
  );
}

export async function tenantLifecycleRuns(api: RosterClient, tenantId: string): Promise<LifecycleRun[]> {
  const page = await callApi(
    () =>
      api.GET('/api/v1/tenants/{tenantId}/lifecycle-policy/runs', {
        params: { path: { tenantId }, query: { limit: RUNS_SHOWN } },
      }),
    { 404: TENANT_NOT_FOUND },
  );
  return page.items;
}

export async function runTenantLifecycle(api: RosterClient, tenantId: string): Promise<void> {
  await callApi(() => api.POST('/api/v1/tenants/{tenantId}/lifecycle-policy/run', { params: { path: { tenantId } } }), {
    404: TENANT_NOT_FOUND,
    503: QUEUE_DOWN,
  });
}

async function orNullWhenMissing<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ServiceError && error.status === 404) return null;
    throw error;
  }
}

/**
 * The API names a refused exception by its place ("exceptRoleKeys.1": not a role here); the form shows one message
 * at each list, with the API's words.
 */
async function withListErrors<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof ServiceError) || error.kind !== 'invalid') throw error;
    const fieldErrors: Record<string, string> = {};
    for (const [field, message] of Object.entries(error.fieldErrors)) {
      const list = /^(exceptGroupIds|exceptRoleKeys)\.\d+$/.exec(field)?.[1];
      const key = list ?? field;
      fieldErrors[key] = fieldErrors[key] ? `${fieldErrors[key]} ${message}` : message;
    }
    throw new ServiceError(error.kind, error.status, error.message, fieldErrors, error.retryAfterSeconds, {
      cause: error,
    });
  }
}

const DAYS_RANGE = `Enter a whole number of days from ${LIFECYCLE_DAYS_MIN} to ${LIFECYCLE_DAYS_MAX}.`;

function days(value: string): number | null {
  if (!/^\d{1,4}$/.test(value)) return null;
  const number = Number(value);
  return number >= LIFECYCLE_DAYS_MIN && number <= LIFECYCLE_DAYS_MAX ? number : null;
}

/**
 * The policy form: `deactivateAfterDays`; `deletes` (a switch) with `deleteAfterDays`; `exceptGroupIds` and
 * `exceptRoleKeys` (repeated fields, one per chosen exception); `enabled` (a switch).
 */
export function readLifecyclePolicyForm(form: FormData): FormRead<LifecyclePolicyInput> {
  const fieldErrors: Record<string, string> = {};
  const deactivateAfterDays = days(text(form, 'deactivateAfterDays'));
  if (deactivateAfterDays === null) fieldErrors.deactivateAfterDays = DAYS_RANGE;
  const deletes = checked(form, 'deletes');
  const deleteAfterDays = deletes ? days(text(form, 'deleteAfterDays')) : null;
  if (deletes && deleteAfterDays === null) fieldErrors.deleteAfterDays = DAYS_RANGE;
  const exceptGroupIds = [...new Set(all(form, 'exceptGroupIds'))];
  const exceptRoleKeys = [...new Set(all(form, 'exceptRoleKeys'))];
  const tooMany = `At most ${LIFECYCLE_EXCEPTIONS_MAX}.`;
  if (exceptGroupIds.length > LIFECYCLE_EXCEPTIONS_MAX) fieldErrors.exceptGroupIds = tooMany;
  if (exceptRoleKeys.length > LIFECYCLE_EXCEPTIONS_MAX) fieldErrors.exceptRoleKeys = tooMany;
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return {
    ok: true,
    value: {
      deactivateAfterDays: deactivateAfterDays!,
      deleteAfterDays,
      exceptGroupIds,
      exceptRoleKeys,
      enabled: checked(form, 'enabled'),
    },
  };
}
