import type { operations, RosterClient, Schemas } from '@roster/api-client';
import { text } from '$lib/server/forms';
import { type FormRead, nameProblem } from './accounts';
import { callApi, ServiceError } from './errors';
import { collectAll, MAX_PAGE_SIZE, type Page } from './paging';
import { listGroupsOfUser } from './users';

export type Group = Schemas['Group'];
export type GroupListQuery = NonNullable<operations['listGroups']['parameters']['query']>;
export type GroupInput = Schemas['CreateGroup'];
export type GroupMemberQuery = NonNullable<operations['listGroupMembers']['parameters']['query']>;
export type GrantedRole = Schemas['GrantedRole'];

const GROUP_NOT_FOUND = 'This group does not exist in this tenant (it may have been deleted).';

/** Groups by name, each with its member count. */
export function listGroups(api: RosterClient, tenantId: string, query: GroupListQuery = {}): Promise<Page<Group>> {
  return callApi(() => api.GET('/api/v1/tenants/{tenantId}/groups', { params: { path: { tenantId }, query } }));
}

export function getGroup(api: RosterClient, tenantId: string, groupId: string): Promise<Group> {
  return callApi(
    () => api.GET('/api/v1/tenants/{tenantId}/groups/{groupId}', { params: { path: { tenantId, groupId } } }),
    { 404: GROUP_NOT_FOUND },
  );
}

/**
 * Adds the user to the group; the user gains the group's roles at once. The API's PUT is idempotent (204
 * either way), so whether the user was a member already is read from their groups just before, for a
 * message that says what happened.
 */
export async function addGroupMember(
  api: RosterClient,
  tenantId: string,
  groupId: string,
  userId: string,
): Promise<'added' | 'already-member'> {
  const groupsBefore = await collectAll((cursor) => listGroupsOfUser(api, tenantId, userId, cursor));
  await callApi(
    () =>
      api.PUT('/api/v1/tenants/{tenantId}/groups/{groupId}/members/{userId}', {
        params: { path: { tenantId, groupId, userId } },
      }),
    { 404: 'This user or group does not exist in this tenant (it may have been deleted).' },
  );
  return groupsBefore.some((group) => group.id === groupId) ? 'already-member' : 'added';
}

/** Removes the user from the group (idempotent); the user loses the roles held only through it. */
export async function removeGroupMember(api: RosterClient, tenantId: string, groupId: string, userId: string) {
  await callApi(
    () =>
      api.DELETE('/api/v1/tenants/{tenantId}/groups/{groupId}/members/{userId}', {
        params: { path: { tenantId, groupId, userId } },
      }),
    { 404: 'This user or group does not exist in this tenant (it may have been deleted).' },
  );
}

/** Descriptions are free text up to this length (the API's limit). */
export const MAX_DESCRIPTION_LENGTH = 1000;

const GROUP_NAME_TAKEN = 'Another group of this tenant already has this name (names ignore case).';
const GROUP_OR_ROLE_NOT_FOUND = 'This group or role does not exist in this tenant (it may have been deleted).';

/**
 * The name and description of the create and edit forms, every problem reported at once. An
 * empty description is sent as '' so that clearing the field clears the description.
 */
export function readGroup(form: FormData): FormRead<Required<GroupInput>> {
  const name = text(form, 'name');
  const description = text(form, 'description');
  const fieldErrors: Record<string, string> = {};
  const nameIssue = nameProblem(name);
  if (nameIssue) fieldErrors.name = nameIssue;
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    fieldErrors.description = `Use at most ${MAX_DESCRIPTION_LENGTH.toLocaleString('en-US')} characters.`;
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, value: { name, description } };
}

/**
 * The API answers a duplicate name with a 409 that names no field; the person fixes it at the
 * name field, so the message goes there.
 */
function nameTakenAtField(cause: unknown): never {
  if (cause instanceof ServiceError && cause.kind === 'conflict') {
    throw new ServiceError(
      cause.kind,
      cause.status,
      'The group was not saved: its name is taken.',
      { ...cause.fieldErrors, name: cause.message },
      cause.retryAfterSeconds,
      { cause },
    );
  }
  throw cause;
}

export function createGroup(api: RosterClient, tenantId: string, body: GroupInput): Promise<Group> {
  return callApi(() => api.POST('/api/v1/tenants/{tenantId}/groups', { params: { path: { tenantId } }, body }), {
    409: GROUP_NAME_TAKEN,
  }).catch(nameTakenAtField);
}

export function updateGroup(
  api: RosterClient,
  tenantId: string,
  groupId: string,
  body: Schemas['UpdateGroup'],
): Promise<Group> {
  return callApi(
    () => api.PATCH('/api/v1/tenants/{tenantId}/groups/{groupId}', { params: { path: { tenantId, groupId } }, body }),
    { 404: GROUP_NOT_FOUND, 409: GROUP_NAME_TAKEN },
  ).catch(nameTakenAtField);
}

/** Memberships and the group's grants go with it: its members lose those roles at once. */
export async function deleteGroup(api: RosterClient, tenantId: string, groupId: string): Promise<void> {
  await callApi(
    () => api.DELETE('/api/v1/tenants/{tenantId}/groups/{groupId}', { params: { path: { tenantId, groupId } } }),
    { 404: GROUP_NOT_FOUND },
  );
}

/** Members answer like the users list (same search, filters and sorts). */
export function listGroupMembers(
  api: RosterClient,
  tenantId: string,
  groupId: string,
  query: GroupMemberQuery = {},
): Promise<Page<Schemas['User']>> {
  return callApi(
    () =>
      api.GET('/api/v1/tenants/{tenantId}/groups/{groupId}/members', {
        params: { path: { tenantId, groupId }, query },
      }),
    { 404: GROUP_NOT_FOUND },
  );
}

/** The roles the group grants its members, by key; inactive ones are kept and grant nothing. */
export async function listGroupRoles(api: RosterClient, tenantId: string, groupId: string): Promise<GrantedRole[]> {
  const list = await callApi(
    () => api.GET('/api/v1/tenants/{tenantId}/groups/{groupId}/roles', { params: { path: { tenantId, groupId } } }),
    { 404: GROUP_NOT_FOUND },
  );
  return list.items;
}

/**
 * Idempotent; every member holds the role at once (active members, while the role is active), until `expiresAt`
 * (an ISO instant) when given.
 */
export async function grantRoleToGroup(
  api: RosterClient,
  tenantId: string,
  groupId: string,
  roleKey: string,
  expiresAt: string | null = null,
) {
  await callApi(
    () =>
      api.PUT('/api/v1/tenants/{tenantId}/groups/{groupId}/roles/{roleKey}', {
        params: { path: { tenantId, groupId, roleKey } },
        ...(expiresAt ? { body: { expiresAt } } : {}),
      }),
    { 404: GROUP_OR_ROLE_NOT_FOUND },
  );
}

/** Idempotent; members keep the role only if they hold it directly or through another group. */
export async function revokeRoleFromGroup(api: RosterClient, tenantId: string, groupId: string, roleKey: string) {
  await callApi(
    () =>
      api.DELETE('/api/v1/tenants/{tenantId}/groups/{groupId}/roles/{roleKey}', {
        params: { path: { tenantId, groupId, roleKey } },
      }),
    { 404: GROUP_OR_ROLE_NOT_FOUND },
  );
}

/** Every group of the tenant that grants the role, by name (few: a role is given to a handful of groups). */
export function listGroupsGrantingRole(api: RosterClient, tenantId: string, roleKey: string): Promise<Group[]> {
  return collectAll(
    (cursor) =>
      callApi(
        () =>
          api.GET('/api/v1/tenants/{tenantId}/groups', {
            params: { path: { tenantId }, query: { roleKey, limit: MAX_PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
          }),
        { 404: 'This role does not exist in this tenant’s environment.' },
      ),
    1_000,
  );
}
