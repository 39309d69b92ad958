import { Injectable } from '@nestjs/common';
import type { EndUser, TenantTransaction } from '@roster/db';
import { change, type ChangeEvent, memberAdded, memberRemoved, roleGranted, roleRevoked } from '@roster/domain';
import { Work } from '../changes/work.js';
import type { BulkActionInput, BulkResult } from './bulk-action.schemas.js';
import { toUserResponse } from './user.schemas.js';

/**
 * One action on up to 1000 users in one transaction, with set-based SQL. Users that are not in the
 * tenant fail one by one (404) while the rest succeed; a missing group or role fails the request.
 * Every change is recorded at once; activations, deactivations and deletions bring their recount.
 */
@Injectable()
export class BulkActionsService {
  constructor(private readonly work: Work) {}

  async run(input: BulkActionInput): Promise<BulkResult> {
    return this.work.tenant().run(async (data) => {
      const requested = [...new Set(input.userIds)];
      const users = await data.users.lockMany(requested);
      const found = new Set(users.map((user) => user.id));
      const failed = requested
        .filter((id) => !found.has(id))
        .map((userId) => ({ userId, status: 404, detail: `User ${userId} was not found in this tenant.` }));
      data.record(...(await this.apply(data, input, users)));
      return { succeeded: users.length, failed };
    });
  }

  private async apply(data: TenantTransaction, input: BulkActionInput, users: EndUser[]): Promise<ChangeEvent[]> {
    const ids = users.map((user) => user.id);
    switch (input.action) {
      case 'activate':
      case 'deactivate':
        return this.setActive(data, users, input.action === 'activate');
      case 'delete': {
        const classes = await data.users.licenseClasses(ids);
        await data.users.deleteMany(ids);
        return users.map((user) => change('user.deleted', user.id, toUserResponse(user, classes.get(user.id)!), null));
      }
      case 'add-to-group': {
        const group = await data.groups.get(input.groupId!);
        return (await data.members.add(group.id, ids)).map((userId) => memberAdded(group, userId));
      }
      case 'remove-from-group': {
        const group = await data.groups.get(input.groupId!);
        return (await data.members.remove(group.id, ids)).map((userId) => memberRemoved(group, userId));
      }
      case 'grant-role': {
        const role = await data.roles.get(input.roleKey!);
        return (await data.grants.grantToUsers(role.id, ids)).map((id) => roleGranted({ type: 'user', id }, role));
      }
      case 'revoke-role': {
        const role = await data.roles.get(input.roleKey!);
        return (await data.grants.revokeFromUsers(role.id, ids)).map((id) => roleRevoked({ type: 'user', id }, role));
      }
    }
  }

  /** Changes only the users not already in the wanted state, and records only those. */
  private async setActive(data: TenantTransaction, users: EndUser[], isActive: boolean): Promise<ChangeEvent[]> {
    const changing = users.filter((user) => user.isActive !== isActive);
    const changingIds = changing.map((user) => user.id);
    const updatedAt = new Date();
    // Only is_active changes: each user's class while active (one statement, the SQL that counts them) is its
    // class on the active side of the change, and 'inactive' the other.
    const whileActive = await data.users.classesWhileActive(changingIds);
    await data.users.setActiveMany(changingIds, isActive, updatedAt);
    return changing.map((user) => {
      const active = whileActive.get(user.id)!;
      const before = toUserResponse(user, isActive ? 'inactive' : active);
      const after = {
        ...before,
        isActive,
        licenseClass: isActive ? active : 'inactive',
        updatedAt: updatedAt.toISOString(),
      };
      return change(isActive ? 'user.activated' : 'user.deactivated', user.id, before, after);
    });
  }
}
