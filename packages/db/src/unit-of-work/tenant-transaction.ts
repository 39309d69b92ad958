import type { ChangeEvent } from '@roster/domain';
import type { EntityManager } from 'typeorm';
import { GroupMember, GroupRole, UserRole } from '../entities/grants.entity.js';
import { UserGroup } from '../entities/user-group.entity.js';
import { LoginAttempt } from '../entities/login-attempt.entity.js';
import { EndUsersRepository } from '../repositories/end-users.repository.js';
import { EnvironmentRolesRepository } from '../repositories/environment-roles.repository.js';
import { TenantScopedRepository } from '../tenant-scoped.js';
import type { ChangeLog } from './change-log.js';

export interface TenantScope {
  accountId: string;
  environmentId: string;
  tenantId: string;
}

/**
 * What a unit of work hands a tenant's use case: repositories bound to the tenant (and, beneath them,
 * row-level security bound to it too), and `record` for the changes it makes.
 */
export class TenantTransaction {
  readonly accountId: string;
  readonly environmentId: string;
  readonly tenantId: string;
  readonly users: EndUsersRepository;
  readonly groups: TenantScopedRepository<UserGroup>;
  readonly members: TenantScopedRepository<GroupMember>;
  readonly userRoles: TenantScopedRepository<UserRole>;
  readonly groupRoles: TenantScopedRepository<GroupRole>;
  readonly loginAttempts: TenantScopedRepository<LoginAttempt>;
  /** The roles declared in the tenant's environment. */
  readonly roles: EnvironmentRolesRepository;

  constructor(
    manager: EntityManager,
    scope: TenantScope,
    private readonly changes: ChangeLog,
  ) {
    ({ accountId: this.accountId, environmentId: this.environmentId, tenantId: this.tenantId } = scope);
    this.users = new EndUsersRepository(manager, this.tenantId);
    this.groups = new TenantScopedRepository(manager, UserGroup, this.tenantId, 'Group');
    this.members = new TenantScopedRepository(manager, GroupMember, this.tenantId);
    this.userRoles = new TenantScopedRepository(manager, UserRole, this.tenantId);
    this.groupRoles = new TenantScopedRepository(manager, GroupRole, this.tenantId);
    this.loginAttempts = new TenantScopedRepository(manager, LoginAttempt, this.tenantId);
    this.roles = new EnvironmentRolesRepository(manager, this.environmentId);
  }

  /** Records changes: audit rows and outbox rows in this transaction, consumers after its commit. */
  record(...events: ChangeEvent[]): void {
    this.changes.record(events);
  }
}
