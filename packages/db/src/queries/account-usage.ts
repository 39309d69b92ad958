import type { DataSource } from 'typeorm';
import { AccountUsage } from '../entities/usage.entity.js';

/**
 * Which account snapshot is "the latest": newest computed_at, ties broken by id. Both readers below (the usage
 * API's, and the usage gauges' of /metrics) live here and order alike, so they never disagree.
 */
const LATEST_FIRST = { computedAt: 'DESC', id: 'DESC' } as const;

export function latestAccountSnapshot(dataSource: DataSource, accountId: string): Promise<AccountUsage | null> {
  return dataSource.getRepository(AccountUsage).findOne({ where: { accountId }, order: LATEST_FIRST });
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
          WHERE account_id = a.id ORDER BY computed_at DESC, id DESC LIMIT 1
       ) u`,
  );
}
