import type { ChangeEvent } from '@roster/domain';
import type { EntityManager } from 'typeorm';
import { GroupRole, UserRole } from '../entities/grants.entity.js';
import { EndUsersRepository } from '../repositories/end-users.repository.js';
import { EnvironmentRolesRepository } from '../repositories/environment-roles.repository.js';
import { GrantsRepository } from '../repositories/grants.repository.js';
import { GroupMembersRepository, GroupsRepository } from '../repositories/groups.repository.js';
import { ScimGroupsRepository } from '../repositories/scim-groups.repository.js';
import { ScimUsersRepository } from '../repositories/scim-users.repository.js';
import { TenantLifecycleRepository } from '../repositories/lifecycle-policies.repository.js';
import { UserExportRepository } from '../repositories/user-export.repository.js';
import { LoginAttemptsRepository } from '../repositories/login-attempts.repository.js';
import { TenantSigningKeysRepository } from '../repositories/signing-keys.repository.js';
import { AuditRepository } from '../repositories/audit.repository.js';
import { UserImportsRepository } from '../repositories/user-imports.repository.js';
import { TenantScopedRepository } from '../tenant-scoped.js';
import type { TransactionWrites } from './bound-transaction.js';
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
  readonly groups: GroupsRepository;
  readonly members: GroupMembersRepository;
  readonly userRoles: TenantScopedRepository<UserRole>;
  readonly groupRoles: TenantScopedRepository<GroupRole>;
  readonly loginAttempts: LoginAttemptsRepository;
  /** The roles declared in the tenant's environment. */
  readonly roles: EnvironmentRolesRepository;
  /** Role grants to users and groups, and what a user holds through them. */
  readonly grants: GrantsRepository;
  /** The keys that sign the tenant's end-user access tokens. */
  readonly signingKeys: TenantSigningKeysRepository;
  /** The tenant's audit trail. */
  readonly audit: AuditRepository;
  /** The tenant's users as SCIM reads them (issue 17). */
  readonly scimUsers: ScimUsersRepository;
  /** The tenant's groups as SCIM reads them, and their whole-membership writes. */
  readonly scimGroups: ScimGroupsRepository;
  /** The tenant's user imports, their uploads and staged rows (issue 18). */
  readonly imports: UserImportsRepository;
  /** The tenant's dormant-user policy: its override, the policy in effect, its runs and their batches. */
  readonly lifecycle: TenantLifecycleRepository;
  /** The tenant's users as export files (read through ScopedWork.stream). */
  readonly userExport: UserExportRepository;

  constructor(
    manager: EntityManager,
    scope: TenantScope,
    private readonly changes: ChangeLog,
    private readonly writes: TransactionWrites,
  ) {
    ({ accountId: this.accountId, environmentId: this.environmentId, tenantId: this.tenantId } = scope);
    this.users = new EndUsersRepository(manager, this.tenantId);
    this.groups = new GroupsRepository(manager, this.tenantId);
    this.members = new GroupMembersRepository(manager, this.tenantId);
    this.userRoles = new TenantScopedRepository(manager, UserRole, this.tenantId);
    this.groupRoles = new TenantScopedRepository(manager, GroupRole, this.tenantId);
    this.loginAttempts = new LoginAttemptsRepository(manager, this.tenantId);
    this.roles = new EnvironmentRolesRepository(manager, this.environmentId);
    this.grants = new GrantsRepository(manager, this.tenantId, this.environmentId);
    this.signingKeys = new TenantSigningKeysRepository(manager, this.tenantId);
    this.audit = new AuditRepository(manager, this.accountId, this.tenantId);
    this.scimUsers = new ScimUsersRepository(manager, this.tenantId, (statement) => writes.later(statement));
    this.scimGroups = new ScimGroupsRepository(manager, this.tenantId);
    this.imports = new UserImportsRepository(manager, this.tenantId, this.accountId, this.environmentId);
    this.lifecycle = new TenantLifecycleRepository(manager, scope);
    this.userExport = new UserExportRepository(manager, this.tenantId);
  }

  /** Records changes: audit rows and outbox rows in this transaction, consumers after its commit. */
  record(...events: ChangeEvent[]): void {
    this.changes.record(events);
  }

  /**
   * Says the work changed nothing after all (a SCIM write that leaves the user as it was): the transaction then
   * ends without waiting for the disk, as a COMMIT after a row lock does.
   */
  wroteNothing(): void {
    this.writes.wroteNothing();
  }
}
