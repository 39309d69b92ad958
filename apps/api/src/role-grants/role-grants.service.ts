import { Injectable } from '@nestjs/common';
import type { GrantsRepository } from '@roster/db';
import { collectEffectiveRoles, type EffectiveRoles, holdsRole, roleGranted, roleRevoked } from '@roster/domain';
import { Caches, type RoleCatalog, type UserRoleState } from '../cache/caches.js';
import { Work } from '../changes/work.js';
import { notFound } from '../common/problems.js';
import { RequestContext } from '../common/request-context.js';
import type { GrantedRole } from './role-grant.schemas.js';

/** What a role state is read from: a transaction of the tenant already open (end-user login holds one). */
export interface RoleStateSource {
  tenantId: string;
  environmentId: string;
  grants: Pick<GrantsRepository, 'roleStateOf'>;
}

/** Direct and group role grants, effective roles and role checks (API.md §5, DESIGN.md §2). */
@Injectable()
export class RoleGrantsService {
  constructor(
    private readonly work: Work,
    private readonly caches: Caches,
  ) {}

  async effectiveRoles(userId: string): Promise<EffectiveRoles> {
    const { isActive, grants } = await this.requestRoleState(userId);
    return collectEffectiveRoles(isActive, grants);
  }

  /** False while the user is inactive or the role is not declared any more; an unknown key is a 404. */
  async checkRole(userId: string, roleKey: string): Promise<{ granted: boolean }> {
    if (!(await this.roleCatalog()).has(roleKey)) throw notFound('Role', roleKey);
    const { isActive, grants } = await this.requestRoleState(userId);
    return { granted: holdsRole(collectEffectiveRoles(isActive, grants), roleKey) };
  }

  /** Allowed on inactive users and inactive roles: the grant waits until both are active. Idempotent. */
  async grantToUser(userId: string, roleKey: string): Promise<void> {
    await this.work.tenant().run(async (data) => {
      await data.users.hold(userId);
      const role = await data.roles.get(roleKey);
      const granted = await data.grants.grantToUsers(role.id, [userId]);
      data.record(...granted.map((id) => roleGranted({ type: 'user', id }, role)));
    });
  }

  async revokeFromUser(userId: string, roleKey: string): Promise<void> {
    await this.work.tenant().run(async (data) => {
      await data.users.hold(userId);
      const role = await data.roles.get(roleKey);
      const revoked = await data.grants.revokeFromUsers(role.id, [userId]);
      data.record(...revoked.map((id) => roleRevoked({ type: 'user', id }, role)));
    });
  }

  async rolesOfGroup(groupId: string): Promise<{ items: GrantedRole[] }> {
    return this.work.tenant().read(async (data) => {
      await data.groups.get(groupId);
      return { items: await data.grants.rolesOfGroup(groupId) };
    });
  }

  async grantToGroup(groupId: string, roleKey: string): Promise<void> {
    await this.work.tenant().run(async (data) => {
      await data.groups.get(groupId);
      const role = await data.roles.get(roleKey);
      if (await data.grants.grantToGroup(groupId, role.id))
        data.record(roleGranted({ type: 'group', id: groupId }, role));
    });
  }

  async revokeFromGroup(groupId: string, roleKey: string): Promise<void> {
    await this.work.tenant().run(async (data) => {
      await data.groups.get(groupId);
      const role = await data.roles.get(roleKey);
      if (await data.grants.revokeFromGroup(groupId, role.id))
        data.record(roleRevoked({ type: 'group', id: groupId }, role));
    });
  }

  /**
   * Whether the user is active and every way it holds a role, read in the caller's transaction; a user of
   * another tenant is a 404. Cached: every change to the tenant's users, groups or grants, and every
   * re-declaration of the environment's roles, drops it (the change consumers' invalidations).
   */
  roleState(data: RoleStateSource, userId: string): Promise<UserRoleState> {
    return this.cachedRoleState(data, userId, () => data.grants.roleStateOf(userId));
  }

  /** The request's tenant's user's role state; a read transaction is opened only when the cache misses. */
  private requestRoleState(userId: string): Promise<UserRoleState> {
    return this.cachedRoleState(RequestContext.tenant, userId, () =>
      this.work.tenant().read((data) => data.grants.roleStateOf(userId)),
    );
  }

  private async cachedRoleState(
    scope: { tenantId: string; environmentId: string },
    userId: string,
    load: () => ReturnType<GrantsRepository['roleStateOf']>,
  ): Promise<UserRoleState> {
    const state = await this.caches.userRoles.fill(this.caches.userRoleKey(scope.tenantId, userId), async () => {
      const stored = await load();
      return stored && { environmentId: scope.environmentId, ...stored };
    });
    if (!state) throw notFound('User', userId);
    return state;
  }

  /** The keys the environment's applications declared (active or not), cached until they declare again. */
  private roleCatalog(): Promise<RoleCatalog> {
    return this.caches.roleCatalogs.fill(RequestContext.tenant.environmentId, async () => {
      const roles = await this.work.tenant().read((data) => data.roles.catalog());
      return new Map(roles.map((role) => [role.key, { isActive: role.isActive }]));
    });
  }
}
