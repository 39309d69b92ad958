import type { DataSource } from 'typeorm';
import { ScopesRepository } from './scopes.repository.js';

/** A tenant a dormant-user policy runs in, with what its unit of work is bound to. */
export interface TenantToRun {
  accountId: string;
  tenantId: string;
}

/**
 * What the worker's dormant-user runs read before any tenant is bound: which tenants to run, and where a queued
 * run's tenant lives now. Cross-tenant by design, so on the worker's pool (roster_worker), never the API's.
 */
export class LifecycleScheduleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The tenants whose policy in effect is enabled, with their account: every tenant of the deployment, or (with an
   * environment) those of the environment that follow its policy. What the daily run and an environment's "run now"
   * queue a run for.
   */
  async tenantsToRun(scope: { accountId: string; environmentId: string } | null): Promise<TenantToRun[]> {
    return (await this.dataSource.query(
      `SELECT t.account_id::text AS "accountId", t.id::text AS "tenantId"
         FROM tenants t
         LEFT JOIN tenant_lifecycle_policies o ON o.tenant_id = t.id
         LEFT JOIN lifecycle_policies p ON p.environment_id = t.environment_id
        WHERE CASE WHEN o.tenant_id IS NOT NULL THEN o.enabled AND $1::uuid IS NULL ELSE coalesce(p.enabled, false) END
          AND ($1::uuid IS NULL OR (t.environment_id = $1::uuid AND t.account_id = $2::uuid))
        ORDER BY t.id`,
      [scope?.environmentId ?? null, scope?.accountId ?? null],
    )) as TenantToRun[];
  }

  /** The tenant's scope, or null when it is gone (or no longer of this account) since its run was queued. */
  async tenantScope(
    accountId: string,
    tenantId: string,
  ): Promise<{ accountId: string; environmentId: string; tenantId: string } | null> {
    const owner = await new ScopesRepository(this.dataSource.manager).ownerOf('tenantId', tenantId);
    if (!owner || owner.accountId !== accountId || !owner.environmentId) return null;
    return { accountId, environmentId: owner.environmentId, tenantId };
  }
}
