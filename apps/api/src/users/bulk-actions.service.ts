import { Injectable } from '@nestjs/common';
import type { EndUser } from '@roster/db';
import { In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { RequestContext } from '../common/request-context.js';
import { type TenantData, TenantDataSource } from '../common/tenant-data.js';
import { membershipEvent } from '../groups/groups.service.js';
import { roleGrantEvent } from '../role-grants/role-grants.service.js';
import type { BulkActionInput, BulkResult } from './bulk-action.schemas.js';
import { UsageRecounts } from '../usage/usage-recounts.js';
import { toUserResponse } from './user.schemas.js';

const COUNTED_ACTIONS = new Set<BulkActionInput['action']>(['activate', 'deactivate', 'delete']);

/**
 * One action on up to 1000 users in one transaction, with set-based SQL. Users that are not in the
 * tenant fail one by one (404) while the rest succeed; a missing group or role fails the request.
 */
@Injectable()
export class BulkActionsService {
  constructor(
    private readonly tenant: TenantDataSource,
    private readonly audit: AuditService,
    private readonly recounts: UsageRecounts,
  ) {}

  async run(input: BulkActionInput): Promise<BulkResult> {
    const result = await this.tenant.transaction(async (data) => {
      const requested = [...new Set(input.userIds)];
      const users = await data.users
        .query('u')
        .andWhere('u.id = ANY(:ids)', { ids: requested })
        .orderBy('u.id')
        .setLock('pessimistic_write')
        .getMany();
      const found = new Set(users.map((user) => user.id));
      const failed = requested
        .filter((id) => !found.has(id))
        .map((userId) => ({ userId, status: 404, detail: `User ${userId} was not found in this tenant.` }));
      await this.apply(data, input, users);
      return { succeeded: users.length, failed };
    });
    // Memberships and grants never move a count; activation, deactivation and deletion may.
    if (COUNTED_ACTIONS.has(input.action) && result.succeeded > 0) {
      await this.recounts.requestSoon(RequestContext.tenant.accountId);
    }
    return result;
  }

  private async apply(data: TenantData, input: BulkActionInput, users: EndUser[]): Promise<void> {
    const ids = users.map((user) => user.id);
    switch (input.action) {
      case 'activate':
      case 'deactivate':
        return this.setActive(data, users, input.action === 'activate');
      case 'delete': {
        if (ids.length > 0) await data.users.delete({ id: In(ids) });
        return this.audit.recordInTenant(
          data,
          ...users.map((user) => ({
            action: 'user.deleted',
            targetType: 'user',
            targetId: user.id,
            before: toUserResponse(user),
          })),
        );
      }
      case 'add-to-group': {
        const group = await data.group(input.groupId!);
        const added = await data.members.insertIgnoringDuplicates(ids.map((userId) => ({ groupId: group.id, userId })));
        return this.audit.recordInTenant(
          data,
          ...added.map((row) => membershipEvent('added', group, row.user_id as string)),
        );
      }
      case 'remove-from-group': {
        const group = await data.group(input.groupId!);
        const removed = await this.deleteReturningUsers(data, 'group_members', 'group_id', group.id, ids);
        return this.audit.recordInTenant(data, ...removed.map((userId) => membershipEvent('removed', group, userId)));
      }
      case 'grant-role': {
        const role = await data.role(input.roleKey!);
        const granted = await data.userRoles.insertIgnoringDuplicates(
          ids.map((userId) => ({ userId, roleId: role.id, environmentId: data.environmentId })),
        );
        return this.audit.recordInTenant(
          data,
          ...granted.map((row) => roleGrantEvent('granted', { type: 'user', id: row.user_id as string }, role)),
        );
      }
      case 'revoke-role': {
        const role = await data.role(input.roleKey!);
        const revoked = await this.deleteReturningUsers(data, 'user_roles', 'role_id', role.id, ids);
        return this.audit.recordInTenant(
          data,
          ...revoked.map((userId) => roleGrantEvent('revoked', { type: 'user', id: userId }, role)),
        );
      }
    }
  }

  /** Changes only the users not already in the wanted state, and records only those. */
  private async setActive(data: TenantData, users: EndUser[], isActive: boolean): Promise<void> {
    const changing = users.filter((user) => user.isActive !== isActive);
    if (changing.length === 0) return;
    const updatedAt = new Date();
    await data.users.update({ id: In(changing.map((user) => user.id)) }, { isActive, updatedAt });
    await this.audit.recordInTenant(
      data,
      ...changing.map((user) => {
        const before = toUserResponse(user);
        return {
          action: isActive ? 'user.activated' : 'user.deactivated',
          targetType: 'user',
          targetId: user.id,
          before,
          after: { ...before, isActive, updatedAt: updatedAt.toISOString() },
        };
      }),
    );
  }

  /** Deletes the users' rows of a membership or grant table in one statement; returns whose went. */
  private async deleteReturningUsers(
    data: TenantData,
    table: 'group_members' | 'user_roles',
    column: 'group_id' | 'role_id',
    value: string,
    userIds: string[],
  ): Promise<string[]> {
    if (userIds.length === 0) return [];
    const [rows] = (await data.manager.query(
      `DELETE FROM ${table} WHERE tenant_id = $1 AND ${column} = $2 AND user_id = ANY($3) RETURNING user_id`,
      [data.tenantId, value, userIds],
    )) as [{ user_id: string }[], number];
    return rows.map((row) => row.user_id);
  }
}
