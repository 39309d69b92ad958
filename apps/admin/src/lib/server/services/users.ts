import type { operations, RosterClient, Schemas } from '@roster/api-client';
import { callApi } from './errors';
import type { Page } from './paging';

export type User = Schemas['User'];
export type CreateUserInput = Schemas['CreateUser'];
export type UpdateUserInput = Schemas['UpdateUser'];
export type UserListQuery = NonNullable<operations['listUsers']['parameters']['query']>;
export type UserSort = NonNullable<UserListQuery['sort']>;
export type LicenseClass = User['licenseClass'];
export type BulkAction = Schemas['BulkAction']['action'];
export type BulkResult = Schemas['BulkResult'];
export type EffectiveRoles = Schemas['EffectiveRoles'];
export type LoginAttempt = Schemas['LoginAttempt'];

export const USER_SORTS: readonly UserSort[] = [
  'username',
  '-username',
  'createdAt',
  '-createdAt',
  'lastLoginAt',
  '-lastLoginAt',
];
export const DEFAULT_USER_SORT: UserSort = 'username';

const USER_NOT_FOUND = 'This user does not exist in this tenant (it may have been deleted).';
const USERNAME_TAKEN = 'Another user of this tenant already has this username (usernames ignore case).';

function userPath(tenantId: string, userId: string) {
  return { params: { path: { tenantId, userId } } };
}

export function listUsers(api: RosterClient, tenantId: string, query: UserListQuery): Promise<Page<User>> {
  return callApi(() => api.GET('/api/v1/tenants/{tenantId}/users', { params: { path: { tenantId }, query } }), {
    404: 'The group or role in the filter does not exist in this tenant.',
  });
}

export function getUser(api: RosterClient, tenantId: string, userId: string): Promise<User> {
  return callApi(() => api.GET('/api/v1/tenants/{tenantId}/users/{userId}', userPath(tenantId, userId)), {
    404: USER_NOT_FOUND,
  });
}

export function createUser(api: RosterClient, tenantId: string, body: CreateUserInput): Promise<User> {
  return callApi(() => api.POST('/api/v1/tenants/{tenantId}/users', { params: { path: { tenantId } }, body }), {
    409: USERNAME_TAKEN,
  });
}

export function updateUser(api: RosterClient, tenantId: string, userId: string, body: UpdateUserInput): Promise<User> {
  return callApi(
    () => api.PATCH('/api/v1/tenants/{tenantId}/users/{userId}', { ...userPath(tenantId, userId), body }),
    { 404: USER_NOT_FOUND, 409: USERNAME_TAKEN },
  );
}

export async function deleteUser(api: RosterClient, tenantId: string, userId: string): Promise<void> {
  await callApi(() => api.DELETE('/api/v1/tenants/{tenantId}/users/{userId}', userPath(tenantId, userId)), {
    404: USER_NOT_FOUND,
  });
}

/** Activates or deactivates (idempotent); deactivation suspends every role and keeps every grant. */
export function setUserActive(api: RosterClient, tenantId: string, userId: string, active: boolean): Promise<User> {
  const path = active
    ? ('/api/v1/tenants/{tenantId}/users/{userId}/activate' as const)
    : ('/api/v1/tenants/{tenantId}/users/{userId}/deactivate' as const);
  return callApi(() => api.POST(path, userPath(tenantId, userId)), { 404: USER_NOT_FOUND });
}

export async function setUserPassword(
  api: RosterClient,
  tenantId: string,
  userId: string,
  password: string,
): Promise<void> {
  await callApi(
    () =>
      api.PUT('/api/v1/tenants/{tenantId}/users/{userId}/password', {
        ...userPath(tenantId, userId),
        body: { password },
      }),
    { 404: USER_NOT_FOUND, 409: 'Anonymous users cannot have a password.' },
  );
}

/** Effective roles with their sources; `suspended` while the user is inactive. */
export function getEffectiveRoles(api: RosterClient, tenantId: string, userId: string): Promise<EffectiveRoles> {
  return callApi(() => api.GET('/api/v1/tenants/{tenantId}/users/{userId}/roles', userPath(tenantId, userId)), {
    404: USER_NOT_FOUND,
  });
}

/**
 * Grants a role directly; allowed on inactive users too (it takes effect on reactivation). With `expiresAt` (an
 * ISO instant) the grant ends then; without, it never does (a grant that had an expiry loses it).
 */
export async function grantRoleToUser(
  api: RosterClient,
  tenantId: string,
  userId: string,
  roleKey: string,
  expiresAt: string | null = null,
) {
  await callApi(
    () =>
      api.PUT('/api/v1/tenants/{tenantId}/users/{userId}/roles/{roleKey}', {
        params: { path: { tenantId, userId, roleKey } },
        ...(expiresAt ? { body: { expiresAt } } : {}),
      }),
    { 404: 'This user or role does not exist in this tenant.' },
  );
}

export async function revokeRoleFromUser(api: RosterClient, tenantId: string, userId: string, roleKey: string) {
  await callApi(
    () =>
      api.DELETE('/api/v1/tenants/{tenantId}/users/{userId}/roles/{roleKey}', {
        params: { path: { tenantId, userId, roleKey } },
      }),
    { 404: 'This user or role does not exist in this tenant.' },
  );
}

export function listGroupsOfUser(
  api: RosterClient,
  tenantId: string,
  userId: string,
  cursor?: string,
): Promise<Page<Schemas['Group']>> {
  return callApi(
    () =>
      api.GET('/api/v1/tenants/{tenantId}/users/{userId}/groups', {
        params: { path: { tenantId, userId }, query: { limit: 200, ...(cursor ? { cursor } : {}) } },
      }),
    { 404: USER_NOT_FOUND },
  );
}

export function listLoginAttempts(
  api: RosterClient,
  tenantId: string,
  userId: string,
  query: { limit?: number; cursor?: string } = {},
): Promise<Page<LoginAttempt>> {
  return callApi(
    () =>
      api.GET('/api/v1/tenants/{tenantId}/users/{userId}/login-attempts', {
        params: { path: { tenantId, userId }, query },
      }),
    { 404: USER_NOT_FOUND },
  );
}

/** Lifts a brute-force block on the user's username. */
export async function unblockUser(api: RosterClient, tenantId: string, userId: string): Promise<void> {
  await callApi(() => api.POST('/api/v1/tenants/{tenantId}/users/{userId}/unblock', userPath(tenantId, userId)), {
    404: USER_NOT_FOUND,
  });
}

/**
 * One bulk action over up to 1000 users, in one transaction. Users that fail (not found …) are
 * listed one by one; the rest succeed.
 */
export function runBulkAction(api: RosterClient, tenantId: string, body: Schemas['BulkAction']): Promise<BulkResult> {
  return callApi(() => api.POST('/api/v1/tenants/{tenantId}/users/bulk', { params: { path: { tenantId } }, body }), {
    404: 'The group or role chosen for this action does not exist in this tenant.',
  });
}
