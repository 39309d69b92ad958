import { Injectable } from '@nestjs/common';
import type { GrantsRepository, GrantWrite } from '@roster/db';
import { collectEffectiveRoles, type EffectiveRoles, grantsInForce, holdsRole, type NamedRole } from '@roster/domain';
import { Caches, type RoleCatalog, type UserRoleState } from '../cache/caches.js';
import { Work } from '../changes/work.js';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/problems.js';
import { RequestContext } from '../common/request-context.js';
import { grantExpiryOf, grantRemoved, grantWritten } from './grant-expiry.js';
import type { GrantedRole, GrantTerms } from './role-grant.schemas.js';

/** What a role state is read from: a transaction of the tenant already open (end-user login holds one). */
export interface RoleStateSource {
  tenantId: string;
  environmentId: string;
  grants: Pick<GrantsRepository, 'roleStateOf'>;
}

type Holder = { type: 'user' | 'group'; id: string };

/**
 * Direct and group role grants, effective roles and role checks (API.md §5, DESIGN.md §2).
 *
 * Expiring grants (issue 18): a grant counts until its `expiresAt`, and not from that instant on. The instant is
 * the injectable Clock's: a user's role state (every grant with its expiry) is read, and cached, as stored, and
 * each use of it leaves out the grants expired at that moment (inForce), so no cache needs dropping at an
 * expiry. The worker removes expired grants later, audited; until then they are rows that count for nothing.
 */
@Injectable()
export class RoleGrantsService {
  constructor(
    private readonly work: Work,
    private readonly caches: Caches,
    private readonly clock: Clock,
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

  /**
   * Allowed on inactive users and inactive roles: the grant waits until both are active. Sets the grant to the
   * terms given: without `expiresAt` (or with null) it never expires; re-granting changes or removes an expiry.
   * Idempotent: the same terms again record nothing.
   */
  async grantToUser(userId: string, roleKey: string, terms: GrantTerms = {}): Promise<void> {
    const expiresAt = this.expiryOf(terms);
    await this.work.tenant().run(async (data) => {
      await data.users.hold(userId);
      const role = await data.roles.get(roleKey);
      const write = await data.grants.setUserGrant(userId, role.id, expiresAt);
      if (write.changed) data.record(this.granted({ type: 'user', id: userId }, role, expiresAt, write));
    });
  }

  async revokeFromUser(userId: string, roleKey: string): Promise<void> {
    await this.work.tenant().run(async (data) => {
      await data.users.hold(userId);
      const role = await data.roles.get(roleKey);
      const revoked = await data.grants.revokeUserGrant(userId, role.id);
      if (revoked) data.record(this.revoked({ type: 'user', id: userId }, role, revoked));
    });
  }

  /** The group's grants in force now, by key, each with its expiry when it has one. */
  async rolesOfGroup(groupId: string): Promise<{ items: GrantedRole[] }> {
    return this.work.tenant().read(async (data) => {
      await data.groups.get(groupId);
      return { items: await data.grants.rolesOfGroup(groupId, this.clock.now()) };
    });
  }

  /** Every member holds the role at once (until the grant's expiry, if any); terms as for grantToUser. */
  async grantToGroup(groupId: string, roleKey: string, terms: GrantTerms = {}): Promise<void> {
    const expiresAt = this.expiryOf(terms);
    await this.work.tenant().run(async (data) => {
      await data.groups.get(groupId);
      const role = await data.roles.get(roleKey);
      const write = await data.grants.setGroupGrant(groupId, role.id, expiresAt);
      if (write.changed) data.record(this.granted({ type: 'group', id: groupId }, role, expiresAt, write));
    });
  }

  async revokeFromGroup(groupId: string, roleKey: string): Promise<void> {
    await this.work.tenant().run(async (data) => {
      await data.groups.get(groupId);
      const role = await data.roles.get(roleKey);
      const revoked = await data.grants.revokeGroupGrant(groupId, role.id);
      if (revoked) data.record(this.revoked({ type: 'group', id: groupId }, role, revoked));
    });
  }

  /** The expiry the terms ask for, which must be after now (a grant that never counted is a mistake); null: never. */
  private expiryOf(terms: GrantTerms): Date | null {
    return grantExpiryOf(terms, this.clock.now());
  }

  private granted(holder: Holder, role: NamedRole, expiresAt: Date | null, write: GrantWrite) {
    return grantWritten(holder, role, expiresAt, write.previous, this.clock.now());
  }

  private revoked(holder: Holder, role: NamedRole, grant: { expiresAt: Date | null }) {
    return grantRemoved(holder, role, grant, this.clock.now());
  }

  /**
   * Whether the user is active and every way it holds a role now (grants expired at the Clock's now left out),
   * read in the caller's transaction; a user of another tenant is a 404. Cached: every change to the tenant's
   * users, groups or grants, and every re-declaration of the environment's roles, drops it (the change
   * consumers' invalidations).
   */
  async roleState(data: RoleStateSource, userId: string): Promise<UserRoleState> {
    return this.inForce(await this.cachedRoleState(data, userId, () => data.grants.roleStateOf(userId)));
  }

  /** The request's tenant's user's role state now; a read transaction is opened only when the cache misses. */
  private async requestRoleState(userId: string): Promise<UserRoleState> {
    const state = await this.cachedRoleState(RequestContext.tenant, userId, () =>
      this.work.tenant().read((data) => data.grants.roleStateOf(userId)),
    );
    return this.inForce(state);
  }

  /**
   * The state without the grants expired at the Clock's now. Applied to every use of a state, cached or fresh:
   * the cache holds the stored state, each grant with its expiry, which does not go stale as time passes (an
   * entry filled a second before a grant's instant stops counting that grant at the instant itself). Hence no
   * invalidation or cache bypass at an expiry; the sweep's removal later invalidates as every write does.
   */
  private inForce(state: UserRoleState): UserRoleState {
    return { ...state, grants: grantsInForce(state.grants, this.clock.now()) };
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
