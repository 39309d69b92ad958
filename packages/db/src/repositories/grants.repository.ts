import type { RoleGrant } from '@roster/domain';
import type { EntityManager } from 'typeorm';
import { GroupRole, UserRole } from '../entities/grants.entity.js';
import { TenantScopedRepository } from '../tenant-scoped.js';

/**
 * In one round trip: whether the user exists and is active, and every way it holds a role (direct
 * grants, then grants to each group it is in). No row: no such user in the tenant; one row with
 * NULL grant columns: a user without grants.
 */
const USER_ROLE_STATE = `
  SELECT u.is_active AS "userActive", g.key, g.name, g."applicationKey", g."isActive", g."groupId", g."groupName"
  FROM end_users u
  LEFT JOIN LATERAL (
    SELECT r.key, r.name, a.key AS "applicationKey", r.is_active AS "isActive",
           NULL::uuid AS "groupId", NULL::text AS "groupName"
    FROM user_roles ur
    JOIN roles r ON r.id = ur.role_id
    JOIN applications a ON a.id = r.application_id
    WHERE ur.tenant_id = u.tenant_id AND ur.user_id = u.id
    UNION ALL
    SELECT r.key, r.name, a.key, r.is_active, g.id, g.name
    FROM group_members m
    JOIN user_groups g ON g.tenant_id = m.tenant_id AND g.id = m.group_id
    JOIN group_roles gr ON gr.tenant_id = m.tenant_id AND gr.group_id = m.group_id
    JOIN roles r ON r.id = gr.role_id
    JOIN applications a ON a.id = r.application_id
    WHERE m.tenant_id = u.tenant_id AND m.user_id = u.id
  ) g ON true
  WHERE u.tenant_id = $1 AND u.id = $2`;

const GRANTS_OF_GROUP = `
  SELECT r.key, r.name, r.description, a.key AS "applicationKey", r.is_active AS "isActive"
  FROM group_roles gr
  JOIN roles r ON r.id = gr.role_id
  JOIN applications a ON a.id = r.application_id
  WHERE gr.tenant_id = $1 AND gr.group_id = $2
  ORDER BY r.key`;

interface RoleStateRow {
  userActive: boolean;
  key: string | null;
  name: string;
  applicationKey: string;
  isActive: boolean;
  groupId: string | null;
  groupName: string | null;
}

/** Whether a user is active, and every way it holds a role. */
export interface StoredRoleState {
  isActive: boolean;
  grants: RoleGrant[];
}

/** A role granted to a group, as the API lists it. */
export interface GroupGrant {
  key: string;
  name: string;
  description: string;
  applicationKey: string;
  isActive: boolean;
}

/** The role grants of one tenant, to users directly and to groups. */
export class GrantsRepository {
  private readonly userRoles: TenantScopedRepository<UserRole>;
  private readonly groupRoles: TenantScopedRepository<GroupRole>;

  constructor(
    private readonly manager: EntityManager,
    readonly tenantId: string,
    /** Grants name the environment of their role, which is the tenant's. */
    readonly environmentId: string,
  ) {
    this.userRoles = new TenantScopedRepository(manager, UserRole, tenantId);
    this.groupRoles = new TenantScopedRepository(manager, GroupRole, tenantId);
  }

  /** Whether the user is active and every way it holds a role; null when the tenant has no such user. */
  async roleStateOf(userId: string): Promise<StoredRoleState | null> {
    const rows: RoleStateRow[] = await this.manager.query(USER_ROLE_STATE, [this.tenantId, userId]);
    const first = rows[0];
    if (!first) return null;
    const grants: RoleGrant[] = rows.flatMap(({ key, name, applicationKey, isActive, groupId, groupName }) =>
      key === null
        ? []
        : [
            {
              role: { key, name, applicationKey, isActive },
              source: groupId ? { type: 'group', groupId, groupName: groupName ?? '' } : { type: 'direct' },
            },
          ],
    );
    return { isActive: first.userActive, grants };
  }

  /** The roles granted to the group, by key. */
  rolesOfGroup(groupId: string): Promise<GroupGrant[]> {
    return this.manager.query(GRANTS_OF_GROUP, [this.tenantId, groupId]);
  }

  /** Grants the role to the users in one statement, skipping existing grants; returns who got it. */
  async grantToUsers(roleId: string, userIds: readonly string[]): Promise<string[]> {
    const granted = await this.userRoles.insertIgnoringDuplicates(
      userIds.map((userId) => ({ userId, roleId, environmentId: this.environmentId })),
    );
    return granted.map((row) => row.user_id as string);
  }

  /** Revokes the role from the users in one statement; returns who held it. */
  async revokeFromUsers(roleId: string, userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const [rows] = (await this.manager.query(
      'DELETE FROM user_roles WHERE tenant_id = $1 AND role_id = $2 AND user_id = ANY($3) RETURNING user_id',
      [this.tenantId, roleId, userIds],
    )) as [{ user_id: string }[], number];
    return rows.map((row) => row.user_id);
  }

  /** Whether the group got the role (false: it held it already). */
  async grantToGroup(groupId: string, roleId: string): Promise<boolean> {
    const granted = await this.groupRoles.insertIgnoringDuplicates([
      { groupId, roleId, environmentId: this.environmentId },
    ]);
    return granted.length > 0;
  }

  /** Whether the group held the role. */
  async revokeFromGroup(groupId: string, roleId: string): Promise<boolean> {
    return (await this.groupRoles.delete({ groupId, roleId })) > 0;
  }
}
