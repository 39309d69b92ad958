import {
  EndUser,
  GrantsRepository,
  GroupMember,
  GroupRole,
  LoginAttempt,
  Role,
  TenantScopedRepository,
  UserGroup,
  UserRole,
} from '@roster/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { InvalidationBus } from '../cache/invalidation.service.js';
import { notFound } from './problems.js';
import { RequestContext } from './request-context.js';

/**
 * The data of the tenant the current request acts on. Every repository is bound to the tenant the
 * access guard resolved, so a service cannot reach another tenant's rows by passing the wrong id:
 * an id of another tenant is simply not found (404).
 */
export class TenantData {
  readonly accountId: string;
  readonly environmentId: string;
  readonly tenantId: string;
  readonly users: TenantScopedRepository<EndUser>;
  readonly groups: TenantScopedRepository<UserGroup>;
  readonly members: TenantScopedRepository<GroupMember>;
  readonly userRoles: TenantScopedRepository<UserRole>;
  readonly groupRoles: TenantScopedRepository<GroupRole>;
  readonly loginAttempts: TenantScopedRepository<LoginAttempt>;
  /** What RoleGrantsService.roleState reads a login's roles through. */
  readonly grants: GrantsRepository;

  constructor(readonly manager: EntityManager) {
    ({ accountId: this.accountId, environmentId: this.environmentId, tenantId: this.tenantId } = RequestContext.tenant);
    this.users = new TenantScopedRepository(manager, EndUser, this.tenantId);
    this.groups = new TenantScopedRepository(manager, UserGroup, this.tenantId);
    this.members = new TenantScopedRepository(manager, GroupMember, this.tenantId);
    this.userRoles = new TenantScopedRepository(manager, UserRole, this.tenantId);
    this.groupRoles = new TenantScopedRepository(manager, GroupRole, this.tenantId);
    this.loginAttempts = new TenantScopedRepository(manager, LoginAttempt, this.tenantId);
    this.grants = new GrantsRepository(manager, this.tenantId, this.environmentId);
  }

  async user(id: string, options: { lock?: boolean } = {}): Promise<EndUser> {
    const user = await this.users.findOne({ id }, options);
    if (!user) throw notFound('User', id);
    return user;
  }

  /**
   * Checks the user exists and holds it (FOR KEY SHARE, the lock a foreign key to it takes) until the
   * transaction ends: a single grant or membership takes it before writing its row, as a bulk action
   * locks its users before writing theirs, so the two wait for each other in one order, never in a cycle.
   */
  async holdUser(id: string): Promise<void> {
    const rows: unknown[] = await this.manager.query(
      'SELECT 1 FROM end_users WHERE tenant_id = $1 AND id = $2 FOR KEY SHARE',
      [this.tenantId, id],
    );
    if (rows.length === 0) throw notFound('User', id);
  }

  /** A user's username and password hash (which entity reads leave out: null when it has none). */
  async credentialsOf(userId: string): Promise<{ username: string | null; passwordHash: string | null }> {
    const rows: { username: string | null; password_hash: string | null }[] = await this.manager.query(
      'SELECT username, password_hash FROM end_users WHERE tenant_id = $1 AND id = $2',
      [this.tenantId, userId],
    );
    if (!rows[0]) throw notFound('User', userId);
    return { username: rows[0].username, passwordHash: rows[0].password_hash };
  }

  async group(id: string, options: { lock?: boolean } = {}): Promise<UserGroup> {
    const group = await this.groups.findOne({ id }, options);
    if (!group) throw notFound('Group', id);
    return group;
  }

  /** A role declared in the tenant's environment, active or not. */
  async role(key: string): Promise<Role> {
    const role = await this.manager.findOneBy(Role, { environmentId: this.environmentId, key });
    if (!role) throw notFound('Role', key);
    return role;
  }
}

/** Hands services the request's tenant data, read directly or inside one transaction. */
@Injectable()
export class TenantDataSource {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: InvalidationBus,
  ) {}

  read(): TenantData {
    return new TenantData(this.dataSource.manager);
  }

  /**
   * Every write to a tenant's data goes through here, so this is where the tenant's cached role state
   * is dropped: after the commit, on this replica at once and on the others through the bus.
   */
  async transaction<T>(work: (data: TenantData) => Promise<T>): Promise<T> {
    let tenantId: string | undefined;
    const result = await this.dataSource.transaction((manager) => {
      const data = new TenantData(manager);
      tenantId = data.tenantId;
      return work(data);
    });
    if (tenantId) await this.bus.announce({ kind: 'tenant', tenantId });
    return result;
  }
}
