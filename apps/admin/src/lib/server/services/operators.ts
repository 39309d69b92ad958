import type { RosterClient, Schemas } from '@roster/api-client';
import { OPERATOR_ROLES, passwordProblem, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@roster/domain';
import { all, raw, text, valuesOf } from '$lib/server/forms';
import { callApi, ServiceError } from './errors';
import { collectAll, MAX_PAGE_SIZE } from './paging';

export type AccountOperator = Schemas['Operator'];
/** The roles an operator or API key of an account can hold. */
export type AccountRole = Schemas['CreateOperator']['role'];
export type CreateOperatorInput = Schemas['CreateOperator'];
export type UpdateOperatorInput = Schemas['UpdateOperator'];

export const ACCOUNT_ROLES: readonly AccountRole[] = OPERATOR_ROLES;

const MAX_USERNAME_LENGTH = 250;
const OPERATOR_NOT_FOUND = 'This operator does not exist any more (someone may have deleted it).';

export function listOperators(api: RosterClient, accountId: string): Promise<AccountOperator[]> {
  return collectAll((cursor) =>
    callApi(() =>
      api.GET('/api/v1/accounts/{accountId}/operators', {
        params: { path: { accountId }, query: { limit: MAX_PAGE_SIZE, cursor } },
      }),
    ),
  );
}

/** A 409 here is always the username: operator usernames are unique across the deployment. */
export function createOperator(
  api: RosterClient,
  accountId: string,
  body: CreateOperatorInput,
): Promise<AccountOperator> {
  return conflictAt(
    'username',
    callApi(() => api.POST('/api/v1/accounts/{accountId}/operators', { params: { path: { accountId } }, body }), {
      409: 'An operator with this username already exists (usernames are unique across Roster, ignoring case).',
    }),
  );
}

/** The console never renames operators, so a 409 means the last owner would lose the owner role. */
export function updateOperator(
  api: RosterClient,
  operatorId: string,
  body: UpdateOperatorInput,
): Promise<AccountOperator> {
  return conflictAt(
    'role',
    callApi(() => api.PATCH('/api/v1/operators/{operatorId}', { params: { path: { operatorId } }, body }), {
      404: OPERATOR_NOT_FOUND,
      409: 'This is the account’s last owner; make another operator owner first.',
    }),
  );
}

/** Ends the operator's sessions at once. The last owner cannot be deleted (409, shown as is). */
export async function deleteOperator(api: RosterClient, operatorId: string): Promise<void> {
  await callApi(() => api.DELETE('/api/v1/operators/{operatorId}', { params: { path: { operatorId } } }), {
    404: OPERATOR_NOT_FOUND,
    409: 'This is the account’s last owner; make another operator owner first.',
  });
}

/**
 * The API answers a conflict without naming a field; the console knows which field caused it, so
 * the message shows beside that field as well as above the form.
 */
export async function conflictAt<T>(field: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof ServiceError) || error.kind !== 'conflict') throw error;
    throw new ServiceError(
      error.kind,
      error.status,
      error.message,
      { ...error.fieldErrors, [field]: error.fieldErrors[field] ?? error.message },
      error.retryAfterSeconds,
      { cause: error },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Forms

type Read<T> = { ok: true; value: T } | { ok: false; fieldErrors: Record<string, string> };

/**
 * The role and, for a tenant-admin only, the tenants (shared by operators and API keys). Tenants
 * ticked before switching to another role are dropped: only a tenant-admin has a tenant list.
 */
export function readRoleAndTenants(form: FormData): Read<{ role: AccountRole; tenantIds: string[] }> {
  const role = text(form, 'role');
  if (!(ACCOUNT_ROLES as readonly string[]).includes(role)) {
    return { ok: false, fieldErrors: { role: 'Choose a role.' } };
  }
  const tenantIds = role === 'tenant-admin' ? [...new Set(all(form, 'tenantIds'))] : [];
  if (role === 'tenant-admin' && tenantIds.length === 0) {
    return { ok: false, fieldErrors: { tenantIds: 'Choose at least one tenant: a tenant-admin manages only those.' } };
  }
  return { ok: true, value: { role: role as AccountRole, tenantIds } };
}

/**
 * The values to put back after a failed operator or API key form; the ticked tenants travel as
 * one comma-separated value (RoleTenantFields splits it again).
 */
export function roleFormValues(form: FormData): Record<string, string> {
  return { ...valuesOf(form), tenantIds: all(form, 'tenantIds').join(',') };
}

function checkPassword(password: string, username: string): string | null {
  const problem = passwordProblem(password, username === '' ? null : username);
  if (problem === null) return null;
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  return 'The password must not be the same as the username.';
}

/** The create-operator form, checked before it reaches the API. */
export function readNewOperator(form: FormData): Read<CreateOperatorInput> {
  const fieldErrors: Record<string, string> = {};
  const username = text(form, 'username');
  const password = raw(form, 'password');
  if (username === '') fieldErrors.username = 'Enter a username.';
  else if (username.length > MAX_USERNAME_LENGTH)
    fieldErrors.username = `Usernames have at most ${MAX_USERNAME_LENGTH} characters.`;
  if (password === '') fieldErrors.password = 'Enter a password.';
  else {
    const problem = checkPassword(password, username);
    if (problem) fieldErrors.password = problem;
  }
  const access = readRoleAndTenants(form);
  if (!access.ok) Object.assign(fieldErrors, access.fieldErrors);
  if (!access.ok || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  const { role, tenantIds } = access.value;
  return { ok: true, value: { username, password, role, ...(role === 'tenant-admin' ? { tenantIds } : {}) } };
}

/**
 * The edit-operator form: role and tenants always, the password only when one was typed.
 * `username` is the operator's, for the "not the username" rule.
 */
export function readOperatorChanges(form: FormData, username: string): Read<UpdateOperatorInput> {
  const fieldErrors: Record<string, string> = {};
  const password = raw(form, 'password');
  if (password !== '') {
    const problem = checkPassword(password, username);
    if (problem) fieldErrors.password = problem;
  }
  const access = readRoleAndTenants(form);
  if (!access.ok) Object.assign(fieldErrors, access.fieldErrors);
  if (!access.ok || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  // The tenant list is always sent: switching away from tenant-admin clears it.
  return { ok: true, value: { ...access.value, ...(password !== '' ? { password } : {}) } };
}
