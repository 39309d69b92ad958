import type { DataSource } from 'typeorm';
import type { TenantScope } from '../unit-of-work/tenant-transaction.js';

/**
 * The tenants (with their environment and account, a unit of work's scope) that hold grants expired at the
 * database's now: those of the `limit` oldest expired direct grants and of the `limit` oldest expired group
 * grants, read from the partial expiry indexes across every tenant (the worker's role sees them all). The sweep
 * asks again until none is left.
 */
export async function tenantsWithExpiredGrants(dataSource: DataSource, limit: number): Promise<TenantScope[]> {
  return dataSource.query(
    `SELECT t.id AS "tenantId", t.environment_id AS "environmentId", t.account_id AS "accountId"
     FROM tenants t
     WHERE t.id IN (
       SELECT tenant_id FROM (SELECT tenant_id FROM user_roles WHERE expires_at <= now() ORDER BY expires_at LIMIT $1) d
       UNION
       SELECT tenant_id FROM (SELECT tenant_id FROM group_roles WHERE expires_at <= now() ORDER BY expires_at LIMIT $1) g)
     ORDER BY t.id`,
    [limit],
  );
}
