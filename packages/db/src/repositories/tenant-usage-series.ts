import type { EntityManager } from 'typeorm';
import type { EnvironmentKind } from '../entities/environment.entity.js';
import { holdTransactionLock } from '../queries/locks.js';
import type { TenantCounts } from './usage-counts.js';

/** The columns a tenant's counts are compared on, as a row of `alias`: a row is stored only when one moved. */
const compared = (alias: string) =>
  `(${['name', 'kind', 'environment_id', 'internal', 'external', 'anonymous', 'inactive']
    .map((column) => `${alias}.${column}`)
    .join(', ')})`;

/**
 * Stores one recount's reading of an environment's tenants into their series (migration 1765300000000): a
 * tenant_usage row for each tenant whose counts differ from the ones in force, and the head of every counted
 * tenant's series confirmed as of `readAt`. Runs inside the transaction that stores the environment's snapshot.
 *
 * Recounts of one environment take turns (a transaction lock per environment), and a reading older than the
 * newest one already confirmed is not stored for that tenant: a series stored only as its changes is right only
 * if every change is compared with the reading just before it. (Two interleaved runs, the older one storing a
 * change last, would otherwise leave the older value in force after the newer one found it unchanged.)
 *
 * A retried job rewrites its own row (UNIQUE (tenant_id, run_id)) like the environment snapshots.
 */
export async function writeTenantReadings(
  manager: EntityManager,
  reading: {
    environmentId: string;
    accountId: string;
    runId: string;
    kind: EnvironmentKind;
    tenants: readonly TenantCounts[];
    readAt: Date;
  },
): Promise<void> {
  await holdTransactionLock(manager, `tenant-usage:${reading.environmentId}`);
  await manager.query(
    `WITH counted AS (
       SELECT c.*, $1::uuid AS environment_id, $4::text AS kind
         FROM jsonb_to_recordset($5::jsonb) AS c (
                tenant_id uuid, name text, internal int, external int, named int, anonymous int, inactive int)),
     newer AS (
       SELECT c.* FROM counted c LEFT JOIN tenant_usage_latest l ON l.tenant_id = c.tenant_id
        WHERE l.tenant_id IS NULL OR l.confirmed_at <= $6),
     changed AS (
       SELECT c.* FROM newer c LEFT JOIN tenant_usage_latest l ON l.tenant_id = c.tenant_id
        WHERE l.tenant_id IS NULL OR ${compared('l')} IS DISTINCT FROM ${compared('c')}),
     history AS (
       INSERT INTO tenant_usage (tenant_id, environment_id, account_id, run_id, name, kind, internal, external, named,
                                 anonymous, inactive, data_as_of)
       SELECT tenant_id, environment_id, $2, $3, name, kind, internal, external, named, anonymous, inactive, $6
         FROM changed
       ON CONFLICT (tenant_id, run_id) DO UPDATE SET
         environment_id = EXCLUDED.environment_id, name = EXCLUDED.name, kind = EXCLUDED.kind,
         internal = EXCLUDED.internal, external = EXCLUDED.external, named = EXCLUDED.named,
         anonymous = EXCLUDED.anonymous, inactive = EXCLUDED.inactive, data_as_of = EXCLUDED.data_as_of,
         computed_at = now())
     INSERT INTO tenant_usage_latest AS l (tenant_id, environment_id, account_id, name, kind, internal, external,
                                          named, anonymous, inactive, data_as_of, confirmed_at)
     SELECT tenant_id, environment_id, $2, name, kind, internal, external, named, anonymous, inactive, $6, $6
       FROM newer
     ON CONFLICT (tenant_id) DO UPDATE SET
       data_as_of = CASE WHEN ${compared('l')} IS DISTINCT FROM ${compared('EXCLUDED')}
                         THEN EXCLUDED.data_as_of ELSE l.data_as_of END,
       environment_id = EXCLUDED.environment_id, name = EXCLUDED.name, kind = EXCLUDED.kind,
       internal = EXCLUDED.internal, external = EXCLUDED.external, named = EXCLUDED.named,
       anonymous = EXCLUDED.anonymous, inactive = EXCLUDED.inactive, confirmed_at = EXCLUDED.confirmed_at`,
    [
      reading.environmentId,
      reading.accountId,
      reading.runId,
      reading.kind,
      JSON.stringify(reading.tenants.map(({ tenantId, ...counts }) => ({ tenant_id: tenantId, ...counts }))),
      reading.readAt,
    ],
  );
}

/**
 * Ends the series of the account's tenants that no longer exist (deleted, or their environment deleted): a last
 * row of zeros as of `readAt`, so a statement stops counting them from then on, and their head goes. An
 * environment's own recount cannot see such a tenant; the account's step of the run, after every environment's,
 * finds them.
 */
export async function endVanishedTenants(
  manager: EntityManager,
  accountId: string,
  runId: string,
  readAt: Date,
): Promise<number> {
  const ended = (await manager.query(
    `WITH gone AS (
       DELETE FROM tenant_usage_latest l
        WHERE l.account_id = $1 AND l.confirmed_at <= $3
          AND NOT EXISTS (SELECT 1 FROM tenants t WHERE t.id = l.tenant_id)
       RETURNING l.*)
     INSERT INTO tenant_usage (tenant_id, environment_id, account_id, run_id, name, kind, internal, external, named,
                               anonymous, inactive, data_as_of)
     SELECT tenant_id, environment_id, account_id, $2, name, kind, 0, 0, 0, 0, 0, $3 FROM gone
     ON CONFLICT (tenant_id, run_id) DO NOTHING
     RETURNING tenant_id`,
    [accountId, runId, readAt],
  )) as unknown[];
  return ended.length;
}
