import { Injectable } from '@nestjs/common';
import type { UserGroup } from '@roster/db';
import { AuditService, type TenantAuditEntry } from '../audit/audit.service.js';
import { likePattern, paginate } from '@roster/db';
import type { Page, PageQuery } from '../common/schemas.js';
import { type TenantData, TenantDataSource } from '../common/tenant-data.js';
import {
  type CreateGroupInput,
  type GroupListQuery,
  type GroupResponse,
  toGroupResponse,
  type UpdateGroupInput,
} from './group.schemas.js';

const BY_NAME = { expression: 'lower(g.name)', idColumn: 'g.id' };

/** Groups of the tenant the request acts on, and their members (API.md §5). */
@Injectable()
export class GroupsService {
  constructor(
    private readonly tenant: TenantDataSource,
    private readonly audit: AuditService,
  ) {}

  async create(input: CreateGroupInput): Promise<GroupResponse> {
    return this.tenant.transaction(async (data) => {
      const group = data.groups.create({ name: input.name, description: input.description ?? '' });
      await data.groups.save(group);
      const after = toGroupResponse(await data.group(group.id), 0);
      await this.audit.recordInTenant(data, {
        action: 'group.created',
        targetType: 'group',
        targetId: group.id,
        after,
      });
      return after;
    });
  }

  async list(query: GroupListQuery): Promise<Page<GroupResponse>> {
    const data = this.tenant.read();
    const groups = data.groups.query('g');
    if (query.search) groups.andWhere('lower(g.name) LIKE lower(:search)', { search: likePattern(query.search) });
    if (query.roleKey) {
      // An unknown role key is a 404, like the users list's role filter, not an empty list.
      const role = await data.role(query.roleKey);
      groups.andWhere(
        'EXISTS (SELECT 1 FROM group_roles gr WHERE gr.tenant_id = g.tenant_id AND gr.group_id = g.id AND gr.role_id = :roleId)',
        { roleId: role.id },
      );
    }
    return this.withMemberCounts(data, await paginate(groups, query, BY_NAME));
  }

  /** The groups one user is in, by name. */
  async listOfUser(userId: string, page: PageQuery): Promise<Page<GroupResponse>> {
    const data = this.tenant.read();
    await data.user(userId);
    const groups = data.groups
      .query('g')
      .andWhere(
        'EXISTS (SELECT 1 FROM group_members m WHERE m.tenant_id = g.tenant_id AND m.group_id = g.id AND m.user_id = :userId)',
        { userId },
      );
    return this.withMemberCounts(data, await paginate(groups, page, BY_NAME));
  }

  async get(id: string): Promise<GroupResponse> {
    const data = this.tenant.read();
    const group = await data.group(id);
    return toGroupResponse(group, await this.memberCount(data, id));
  }

  async update(id: string, input: UpdateGroupInput): Promise<GroupResponse> {
    return this.tenant.transaction(async (data) => {
      const group = await data.group(id, { lock: true });
      const memberCount = await this.memberCount(data, id);
      const before = toGroupResponse(group, memberCount);
      if (input.name !== undefined) group.name = input.name;
      if (input.description !== undefined) group.description = input.description;
      if (JSON.stringify(toGroupResponse(group, memberCount)) === JSON.stringify(before)) return before;
      group.updatedAt = new Date();
      await data.groups.save(group);
      const after = toGroupResponse(group, memberCount);
      await this.audit.recordInTenant(data, {
        action: 'group.updated',
        targetType: 'group',
        targetId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** Memberships and the group's grants go with it, so its members lose those roles at once. */
  async remove(id: string): Promise<void> {
    await this.tenant.transaction(async (data) => {
      const group = await data.group(id, { lock: true });
      const before = toGroupResponse(group, await this.memberCount(data, id));
      await data.groups.delete({ id });
      await this.audit.recordInTenant(data, { action: 'group.deleted', targetType: 'group', targetId: id, before });
    });
  }

  /** Idempotent: adding a member twice records one change. */
  async addMember(groupId: string, userId: string): Promise<void> {
    await this.tenant.transaction(async (data) => {
      const group = await data.group(groupId);
      await data.holdUser(userId);
      const added = await data.members.insertIgnoringDuplicates([{ groupId, userId }]);
      if (added.length > 0) await this.audit.recordInTenant(data, membershipEvent('added', group, userId));
    });
  }

  async removeMember(groupId: string, userId: string): Promise<void> {
    await this.tenant.transaction(async (data) => {
      const group = await data.group(groupId);
      await data.holdUser(userId);
      if ((await data.members.delete({ groupId, userId })) > 0) {
        await this.audit.recordInTenant(data, membershipEvent('removed', group, userId));
      }
    });
  }

  private async memberCount(data: TenantData, groupId: string): Promise<number> {
    return (await this.memberCounts(data, [groupId])).get(groupId) ?? 0;
  }

  /** One counting query for a whole page of groups, served by the membership primary key. */
  private async memberCounts(data: TenantData, groupIds: string[]): Promise<Map<string, number>> {
    if (groupIds.length === 0) return new Map();
    const rows: { groupId: string; count: number }[] = await data.members
      .query('m')
      .select('m.group_id', 'groupId')
      .addSelect('count(*)::int', 'count')
      .andWhere('m.group_id = ANY(:groupIds)', { groupIds })
      .groupBy('m.group_id')
      .getRawMany();
    return new Map(rows.map((row) => [row.groupId, row.count]));
  }

  private async withMemberCounts(data: TenantData, page: Page<UserGroup>): Promise<Page<GroupResponse>> {
    const counts = await this.memberCounts(
      data,
      page.items.map((group) => group.id),
    );
    return { ...page, items: page.items.map((group) => toGroupResponse(group, counts.get(group.id) ?? 0)) };
  }
}

/**
 * Memberships are recorded on the user: "why does this person hold that role" is the question audits
 * answer. Like role grants, an addition is the event's `after`, a removal its `before`.
 */
export function membershipEvent(change: 'added' | 'removed', group: UserGroup, userId: string): TenantAuditEntry {
  const membership = { groupId: group.id, groupName: group.name };
  return {
    action: `group.member.${change}`,
    targetType: 'user',
    targetId: userId,
    ...(change === 'added' ? { after: membership } : { before: membership }),
  };
}
