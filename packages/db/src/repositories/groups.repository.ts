import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { GroupMember } from '../entities/grants.entity.js';
import { UserGroup } from '../entities/user-group.entity.js';
import { applyKeyset, type KeysetOrder, likePattern, type Page, type PageQuery, paginate } from '../keyset.js';
import { TenantScopedRepository } from '../tenant-scoped.js';

/** Served by user_groups_name_key (tenant_id, lower(name)); the id breaks ties. */
const BY_NAME: KeysetOrder = { expression: 'lower(g.name)', idColumn: 'g.id' };

export interface GroupFilter {
  /** Case-insensitive substring of the name. */
  search?: string;
  /** Groups that hold this role. */
  roleId?: string;
  /** Groups this user is in. */
  memberId?: string;
}

/** A group with how many members it has, as the API shows it. */
export interface CountedGroup {
  group: UserGroup;
  memberCount: number;
}

/** The groups of one tenant. */
export class GroupsRepository extends TenantScopedRepository<UserGroup> {
  constructor(manager: EntityManager, tenantId: string) {
    super(manager, UserGroup, tenantId, 'Group');
  }

  /** A page of the tenant's groups matching the filter, by name, each with its member count. */
  async list(filter: GroupFilter, page: PageQuery): Promise<Page<CountedGroup>> {
    const groups = await paginate(this.filtered(filter), page, BY_NAME);
    const counts = await this.memberCounts(groups.items.map((group) => group.id));
    return { ...groups, items: groups.items.map((group) => ({ group, memberCount: counts.get(group.id) ?? 0 })) };
  }

  /** Exactly the SQL `list` runs for its page of groups, for tests that EXPLAIN it. */
  listStatement(filter: GroupFilter, page: Pick<PageQuery, 'cursor' | 'limit'>): [string, unknown[]] {
    return applyKeyset(this.filtered(filter), page, BY_NAME).getQueryAndParameters();
  }

  async memberCount(groupId: string): Promise<number> {
    return (await this.memberCounts([groupId])).get(groupId) ?? 0;
  }

  /** One counting query for a whole page of groups, served by the membership primary key. */
  private async memberCounts(groupIds: string[]): Promise<Map<string, number>> {
    if (groupIds.length === 0) return new Map();
    const rows: { groupId: string; count: number }[] = await this.manager.query(
      `SELECT group_id AS "groupId", count(*)::int AS count FROM group_members
       WHERE tenant_id = $1 AND group_id = ANY($2) GROUP BY group_id`,
      [this.tenantId, groupIds],
    );
    return new Map(rows.map((row) => [row.groupId, row.count]));
  }

  private filtered(filter: GroupFilter): SelectQueryBuilder<UserGroup> {
    const groups = this.query('g');
    if (filter.search) groups.andWhere('lower(g.name) LIKE lower(:search)', { search: likePattern(filter.search) });
    if (filter.roleId) {
      groups.andWhere(
        // A grant that expired (at the database's now) grants nothing, as the users list of the role says too.
        `EXISTS (SELECT 1 FROM group_roles gr
                 WHERE gr.tenant_id = g.tenant_id AND gr.group_id = g.id AND gr.role_id = :roleId
                   AND (gr.expires_at IS NULL OR gr.expires_at > now()))`,
        { roleId: filter.roleId },
      );
    }
    if (filter.memberId) {
      groups.andWhere(
        'EXISTS (SELECT 1 FROM group_members m WHERE m.tenant_id = g.tenant_id AND m.group_id = g.id AND m.user_id = :userId)',
        { userId: filter.memberId },
      );
    }
    return groups;
  }
}

/** Who is in which group, in one tenant. */
export class GroupMembersRepository extends TenantScopedRepository<GroupMember> {
  constructor(manager: EntityManager, tenantId: string) {
    super(manager, GroupMember, tenantId, 'Membership');
  }

  /** Adds the users to the group in one statement, skipping those already in it; returns who was added. */
  async add(groupId: string, userIds: readonly string[]): Promise<string[]> {
    const added = await this.insertIgnoringDuplicates(userIds.map((userId) => ({ groupId, userId })));
    return added.map((row) => row.user_id as string);
  }

  /** Removes the users from the group in one statement; returns who was in it. */
  async remove(groupId: string, userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const [rows] = (await this.manager.query(
      'DELETE FROM group_members WHERE tenant_id = $1 AND group_id = $2 AND user_id = ANY($3) RETURNING user_id',
      [this.tenantId, groupId, userIds],
    )) as [{ user_id: string }[], number];
    return rows.map((row) => row.user_id);
  }
}
