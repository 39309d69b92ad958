import { change, type ChangeOf } from './change-events.js';

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

export function roleGranted(
  holder: { type: 'user' | 'group'; id: string },
  role: NamedRole,
): ChangeOf<'user.role.granted'> | ChangeOf<'group.role.granted'> {
  const grant = { roleKey: role.key, roleName: role.name };
  return holder.type === 'user'
    ? change('user.role.granted', holder.id, null, grant)
    : change('group.role.granted', holder.id, null, grant);
}

export function roleRevoked(
  holder: { type: 'user' | 'group'; id: string },
  role: NamedRole,
): ChangeOf<'user.role.revoked'> | ChangeOf<'group.role.revoked'> {
  const grant = { roleKey: role.key, roleName: role.name };
  return holder.type === 'user'
    ? change('user.role.revoked', holder.id, grant, null)
    : change('group.role.revoked', holder.id, grant, null);
}
