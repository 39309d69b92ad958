import { change, type ChangeOf, type GrantRef } from './change-events.js';

/**
 * The change events of memberships and role grants, built once for every writer (the single routes and
 * bulk actions). Like the audit trail before them, an addition is the event's `after`, a removal its
 * `before`; a membership is recorded on the user, a grant on the user or group that holds it.
 */

export interface NamedGroup {
  id: string;
  name: string;
}

export interface NamedRole {
  key: string;
  name: string;
}

export function memberAdded(group: NamedGroup, userId: string): ChangeOf<'group.member.added'> {
  return change('group.member.added', userId, null, { groupId: group.id, groupName: group.name });
}

export function memberRemoved(group: NamedGroup, userId: string): ChangeOf<'group.member.removed'> {
  return change('group.member.removed', userId, { groupId: group.id, groupName: group.name }, null);
}

/** The grant of a role as events show it: with `expiresAt` only when it expires. */
export function grantRef(role: NamedRole, expiresAt: Date | null = null): GrantRef {
  return { roleKey: role.key, roleName: role.name, ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}) };
}

/**
 * A role granted, expiring at `expiresAt` when given. `replaces`: the grant in force before, when the write
 * only changed its expiry (a re-grant); it becomes the event's `before`.
 */
export function roleGranted(
  holder: { type: 'user' | 'group'; id: string },
  role: NamedRole,
  terms: { expiresAt?: Date | null; replaces?: { expiresAt: Date | null } } = {},
): ChangeOf<'user.role.granted'> | ChangeOf<'group.role.granted'> {
  const grant = grantRef(role, terms.expiresAt);
  const before = terms.replaces ? grantRef(role, terms.replaces.expiresAt) : null;
  return holder.type === 'user'
    ? change('user.role.granted', holder.id, before, grant)
    : change('group.role.granted', holder.id, before, grant);
}

/** A grant that went, as it was; `reason: 'expired'` when Roster removed it because it expired. */
export function roleRevoked(
  holder: { type: 'user' | 'group'; id: string },
  role: NamedRole,
  grant: { expiresAt?: Date | null; reason?: 'expired' } = {},
): ChangeOf<'user.role.revoked'> | ChangeOf<'group.role.revoked'> {
  const revoked = { ...grantRef(role, grant.expiresAt), ...(grant.reason ? { reason: grant.reason } : {}) };
  return holder.type === 'user'
    ? change('user.role.revoked', holder.id, revoked, null)
    : change('group.role.revoked', holder.id, revoked, null);
}
