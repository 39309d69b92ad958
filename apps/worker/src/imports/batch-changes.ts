import type { AppliedBatch, UserJson } from '@roster/db';
import { change, type ChangeEvent, memberAdded, roleGranted, type UserFacts } from '@roster/domain';

/** The user as its events show it: the API's resource (its counted facts among the fields). */
const facts = (user: UserJson) => user as unknown as UserFacts & UserJson;

/** Whether two shows of a user differ in more than the time of the write. */
function differs(before: UserJson, after: UserJson): boolean {
  const { updatedAt: _before, ...was } = before;
  const { updatedAt: _after, ...is } = after;
  return JSON.stringify(was) !== JSON.stringify(is);
}

/**
 * The change events of one applied batch, as the users API records the same writes: a created user (its resource
 * after), an updated one (before → after) when a field of its own changed, a password set where the user had
 * none (never the hash), and each membership and direct grant the batch added (memberAdded, roleGranted).
 */
export function batchChanges(batch: AppliedBatch): ChangeEvent[] {
  const events: ChangeEvent[] = [];
  for (const user of batch.created) events.push(change('user.created', user.id, null, facts(user)));
  for (const { before, after, passwordSet } of batch.updated) {
    if (differs(before, after)) events.push(change('user.updated', after.id, facts(before), facts(after)));
    if (passwordSet) events.push(change('user.password.changed', after.id, null, null));
  }
  for (const { userId, groupId, groupName } of batch.memberships) {
    events.push(memberAdded({ id: groupId, name: groupName }, userId));
  }
  for (const { userId, roleKey, roleName } of batch.grants) {
    events.push(roleGranted({ type: 'user', id: userId }, { key: roleKey, name: roleName }));
  }
  return events;
}
