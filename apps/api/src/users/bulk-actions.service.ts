import { Injectable } from '@nestjs/common';
import type { EndUser, TenantTransaction } from '@roster/db';
import { change, type ChangeEvent, memberAdded, memberRemoved } from '@roster/domain';
import { Work } from '../changes/work.js';
import { Clock } from '../common/clock.js';
import { grantExpiryOf, grantRemoved, grantWritten } from '../role-grants/grant-expiry.js';
import type { BulkActionInput, BulkResult } from './bulk-action.schemas.js';
import { toUserResponse } from './user.schemas.js';

/**
 * One action on up to 1000 users in one transaction, with set-based SQL. Users that are not in the
 * tenant fail one by one (404) while the rest succeed; a missing group or role fails the request.
 * Every change is recorded at once; activations, deactivations and deletions bring their recount.
 *
 * grant-role sets each user's direct grant to the request's terms, as the single `PUT …/roles/:roleKey` does:
 * with `expiresAt` every grant expires then (a grant held already takes that expiry), without it (or with null)
 * none expires (a grant held already loses its expiry); grants already so are left alone and record nothing.
 */
@Injectable()
export class BulkActionsService {
  constructor(
    private readonly work: Work,
    private readonly clock: Clock,
  ) {}

  async run(input: BulkActionInput): Promise<BulkResult> {
    // Refused before anything is read, in the single grant's words: the expiry is the request's, not any user's.
    const expiresAt = grantExpiryOf(input, this.clock.now());
    return this.work.tenant().run(async (data) => {
      const requested = [...new Set(input.userIds)];
      const users = await data.users.lockMany(requested);
      const found = new Set(users.map((user) => user.id));
      const failed = requested
        .filter((id) => !found.has(id))
        .map((userId) => ({ userId, status: 404, detail: `User ${userId} was not found in this tenant.` }));
      data.record(...(await this.apply(data, input, users, expiresAt)));
      return { succeeded: users.length, failed };
    });
  }

  private async apply(
    data: TenantTransaction,
    input: BulkActionInput,
    users: EndUser[],
    expiresAt: Date | null,
  ): Promise<ChangeEvent[]> {
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
        const now = this.clock.now();
        return (await data.grants.setUserGrants(role.id, ids, expiresAt)).map(({ userId, previous }) =>
          grantWritten({ type: 'user', id: userId }, role, expiresAt, previous, now),
        );
      }
      case 'revoke-role': {
        const role = await data.roles.get(input.roleKey!);
        const now = this.clock.now();
        return (await data.grants.revokeFromUsers(role.id, ids)).map(({ userId, grant }) =>
          grantRemoved({ type: 'user', id: userId }, role, grant, now),
        );
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
