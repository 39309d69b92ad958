import type { ChangeEvent } from '@roster/domain';
import type { EntityManager } from 'typeorm';
import { AccountsRepository } from '../repositories/accounts.repository.js';
import { ApiKeysRepository } from '../repositories/api-keys.repository.js';
import { ApplicationsRepository } from '../repositories/applications.repository.js';
import { EnvironmentsRepository } from '../repositories/environments.repository.js';
import { OperatorsRepository } from '../repositories/operators.repository.js';
import { TenantsRepository } from '../repositories/tenants.repository.js';
import { AuditRepository } from '../repositories/audit.repository.js';
import { UsageRepository } from '../repositories/usage.repository.js';
import { TenantUsageRepository } from '../repositories/tenant-usage.repository.js';
import { WebhooksRepository } from '../repositories/webhooks.repository.js';
import { AccountStatementsRepository } from '../repositories/account-statements.repository.js';
import { EnvironmentLifecyclePoliciesRepository } from '../repositories/lifecycle-policies.repository.js';
import type { ChangeLog } from './change-log.js';

export interface AccountScope {
  /** null: platform-level work (the platform admin creating or listing accounts). */
  accountId: string | null;
  /** Set when the work is about one environment of the account (an application's declaration). */
  environmentId?: string | null;
}

/**
 * What a unit of work hands an account-level use case (environments, tenants, applications, operators,
 * API keys, the account itself): repositories bound to the account, and `record` for its changes.
 */
export class AccountTransaction {
  readonly accountId: string | null;
  readonly environmentId: string | null;
  readonly accounts: AccountsRepository;
  readonly environments: EnvironmentsRepository;
  readonly tenants: TenantsRepository;
  readonly applications: ApplicationsRepository;
  readonly operators: OperatorsRepository;
  readonly apiKeys: ApiKeysRepository;
  /** The account's audit trail, its tenants' events included. */
  readonly audit: AuditRepository;
  /** The account's usage snapshots, as the worker wrote them. */
  readonly usage: UsageRepository;
  /** Its client tenants' usage: the counts in force and each one's series. */
  readonly tenantUsage: TenantUsageRepository;
  /** The account's webhook endpoints and their delivery logs. */
  readonly webhooks: WebhooksRepository;
  /** The account's closed billing statements. */
  readonly statements: AccountStatementsRepository;
  /** Its environments' dormant-user policies, and their tenants' runs. */
  readonly lifecyclePolicies: EnvironmentLifecyclePoliciesRepository;

  constructor(
    protected readonly manager: EntityManager,
    scope: AccountScope,
    private readonly changes: ChangeLog,
  ) {
    this.accountId = scope.accountId;
    this.environmentId = scope.environmentId ?? null;
    this.accounts = new AccountsRepository(manager);
    this.environments = new EnvironmentsRepository(manager);
    this.tenants = new TenantsRepository(manager);
    this.applications = new ApplicationsRepository(manager);
    this.operators = new OperatorsRepository(manager);
    this.apiKeys = new ApiKeysRepository(manager);
    this.audit = new AuditRepository(manager, this.accountId, null);
    this.usage = new UsageRepository(manager, this.accountId);
    this.tenantUsage = new TenantUsageRepository(manager, this.accountId);
    this.webhooks = new WebhooksRepository(manager, this.accountId);
    this.statements = new AccountStatementsRepository(manager, this.accountId);
    this.lifecyclePolicies = new EnvironmentLifecyclePoliciesRepository(manager, this.accountId);
  }

  /** Records changes: audit rows and outbox rows in this transaction, consumers after its commit. */
  record(...events: ChangeEvent[]): void {
    this.changes.record(events);
  }
}
