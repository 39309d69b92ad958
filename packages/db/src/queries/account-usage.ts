import type { LimitEvaluation } from '@roster/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { AccountUsage } from '../entities/usage.entity.js';

/**
 * Which snapshot is "the latest" (account or environment): the newest data, then the newest write, then the
 * greatest id — servedFirst of @roster/domain, in SQL. Every reader (the usage API's, and the usage gauges' of
 * /metrics) orders alike, so they never disagree; the *_usage_latest_idx indexes hold this order.
 */
export const NEWEST_DATA_FIRST = 'data_as_of DESC, computed_at DESC, id DESC';
const LATEST_FIRST = { dataAsOf: 'DESC', computedAt: 'DESC', id: 'DESC' } as const;

export function latestAccountSnapshot(db: DataSource | EntityManager, accountId: string): Promise<AccountUsage | null> {
  return db.getRepository(AccountUsage).findOne({ where: { accountId }, order: LATEST_FIRST });
}

/**
 * The account's newest snapshot of another run than `runId` (a retried parent rewrites its own run's row, so that
 * one does not count against it): its read time, and its status for the limit events; undefined before any.
 */
export async function newestOtherAccountSnapshot(
  db: DataSource | EntityManager,
  accountId: string,
  runId: string,
): Promise<{ dataAsOf: Date; status: LimitEvaluation['status'] } | undefined> {
  const rows = (await db.query(
    `SELECT data_as_of AS "dataAsOf", status FROM account_usage WHERE account_id = $1 AND run_id <> $2
      ORDER BY ${NEWEST_DATA_FIRST} LIMIT 1`,
    [accountId, runId],
  )) as { dataAsOf: Date; status: LimitEvaluation['status'] }[];
  return rows[0];
}

export interface LatestAccountTotals {
  account_id: string;
  internal: number;
  external: number;
  named: number;
  limits: Partial<Record<'internal' | 'external' | 'named', number | null>>;
}

/** Every account's latest snapshot in one query: one index probe per account (account_usage_latest_idx). */
export function latestAccountTotals(dataSource: DataSource): Promise<LatestAccountTotals[]> {
  return dataSource.query(
    `SELECT a.id AS account_id, u.internal, u.external, u.named, u.limits
       FROM accounts a
       CROSS JOIN LATERAL (
         SELECT internal, external, named, limits FROM account_usage
          WHERE account_id = a.id ORDER BY ${NEWEST_DATA_FIRST} LIMIT 1
       ) u`,
  );
}
