import { Injectable } from '@nestjs/common';
import type { Role } from '@roster/db';
import { collectEffectiveRoles, type EffectiveRoles, holdsRole, type RoleGrant } from '@roster/domain';
import { AuditService, type TenantAuditEntry } from '../audit/audit.service.js';
import { Caches, type RoleCatalog, type UserRoleState } from '../cache/caches.js';
import { notFound } from '../common/problems.js';
import { type TenantData, TenantDataSource } from '../common/tenant-data.js';
import type { GrantedRole } from './role-grant.schemas.js';

interface GrantRow {
  key: string;
  name: string;
  applicationKey: string;
  isActive: boolean;
  groupId: string | null;
  groupName: string | null;
}

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

/** A grant or revoke as the audit trail records it: on the user or group, with the role's key and name. */
export function roleGrantEvent(
  change: 'granted' | 'revoked',
  target: { type: 'user' | 'group'; id: string },
  role: Pick<Role, 'key' | 'name'>,
): TenantAuditEntry {
  const grant = { roleKey: role.key, roleName: role.name };
  return {
    action: `${target.type}.role.${change}`,
    targetType: target.type,
    targetId: target.id,
    ...(change === 'granted' ? { after: grant } : { before: grant }),
  };
}

/** Direct and group role grants, effective roles and role checks (API.md §5, DESIGN.md §2). */
@Injectable()
export class RoleGrantsService {
  constructor(
    private readonly tenant: TenantDataSource,
    private readonly audit: AuditService,
    private readonly caches: Caches,
  ) {}

  async effectiveRoles(userId: string): Promise<EffectiveRoles> {
    const data = this.tenant.read();
    const { isActive, grants } = await this.roleState(data, userId);
    return collectEffectiveRoles(isActive, grants);
  }

  /** False while the user is inactive or the role is not declared any more; an unknown key is a 404. */
  async checkRole(userId: string, roleKey: string): Promise<{ granted: boolean }> {
    const data = this.tenant.read();
    if (!(await this.roleCatalog(data)).has(roleKey)) throw notFound('Role', roleKey);
    const { isActive, grants } = await this.roleState(data, userId);
    return { granted: holdsRole(collectEffectiveRoles(isActive, grants), roleKey) };
  }

  /** Allowed on inactive users and inactive roles: the grant waits until both are active. Idempotent. */
  async grantToUser(userId: string, roleKey: string): Promise<void> {
    await this.tenant.transaction(async (data) => {
      await data.holdUser(userId);
      const role = await data.role(roleKey);
      const granted = await data.userRoles.insertIgnoringDuplicates([
        { userId, roleId: role.id, environmentId: data.environmentId },
      ]);
      if (granted.length > 0) {
        await this.audit.recordInTenant(data, roleGrantEvent('granted', { type: 'user', id: userId }, role));
      }
    });
  }

  async revokeFromUser(userId: string, roleKey: string): Promise<void> {
    await this.tenant.transaction(async (data) => {
      await data.holdUser(userId);
      const role = await data.role(roleKey);
      if ((await data.userRoles.delete({ userId, roleId: role.id })) > 0) {
        await this.audit.recordInTenant(data, roleGrantEvent('revoked', { type: 'user', id: userId }, role));
      }
    });
  }

  async rolesOfGroup(groupId: string): Promise<{ items: GrantedRole[] }> {
    const data = this.tenant.read();
    await data.group(groupId);
    return { items: await data.manager.query(GRANTS_OF_GROUP, [data.tenantId, groupId]) };
  }

  async grantToGroup(groupId: string, roleKey: string): Promise<void> {
    await this.tenant.transaction(async (data) => {
      await data.group(groupId);
      const role = await data.role(roleKey);
      const granted = await data.groupRoles.insertIgnoringDuplicates([
        { groupId, roleId: role.id, environmentId: data.environmentId },
      ]);
      if (granted.length > 0) {
        await this.audit.recordInTenant(data, roleGrantEvent('granted', { type: 'group', id: groupId }, role));
      }
    });
  }

  async revokeFromGroup(groupId: string, roleKey: string): Promise<void> {
    await this.tenant.transaction(async (data) => {
      await data.group(groupId);
      const role = await data.role(roleKey);
      if ((await data.groupRoles.delete({ groupId, roleId: role.id })) > 0) {
        await this.audit.recordInTenant(data, roleGrantEvent('revoked', { type: 'group', id: groupId }, role));
      }
    });
  }

  /**
   * Whether the user is active and every way it holds a role; a user of another tenant is a 404.
   * Cached: every change to the tenant's users, groups or grants, and every re-declaration of the
   * environment's roles, drops it (TenantDataSource.transaction, ApplicationsService).
   */
  async roleState(data: TenantData, userId: string): Promise<UserRoleState> {
    const state = await this.caches.userRoles.fill(this.caches.userRoleKey(data.tenantId, userId), async () => {
      const rows: (GrantRow & { userActive: boolean })[] = await data.manager.query(USER_ROLE_STATE, [
        data.tenantId,
        userId,
      ]);
      const first = rows[0];
      if (!first) return null;
      const grants: RoleGrant[] = rows
        .filter((row) => row.key !== null)
        .map(({ key, name, applicationKey, isActive, groupId, groupName }) => ({
          role: { key, name, applicationKey, isActive },
          source: groupId ? { type: 'group', groupId, groupName: groupName ?? '' } : { type: 'direct' },
        }));
      return { environmentId: data.environmentId, isActive: first.userActive, grants };
    });
    if (!state) throw notFound('User', userId);
    return state;
  }

  /** The keys the environment's applications declared (active or not), cached until they declare again. */
  private roleCatalog(data: TenantData): Promise<RoleCatalog> {
    return this.caches.roleCatalogs.fill(data.environmentId, async () => {
      const rows: { key: string; isActive: boolean }[] = await data.manager.query(
        'SELECT key, is_active AS "isActive" FROM roles WHERE environment_id = $1',
        [data.environmentId],
      );
      return new Map(rows.map((row) => [row.key, { isActive: row.isActive }]));
    });
  }
}
