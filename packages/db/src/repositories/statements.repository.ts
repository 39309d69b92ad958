import type { BillingPeriod, CountsSnapshot, LimitEvaluation, RecordedChange } from '@roster/domain';
import type { DataSource } from 'typeorm';

/** An account whose periods may need closing. */
export interface AccountToClose {
  id: string;
  billingDay: number;
  model: string;
  aggregation: string;
  createdAt: Date;
  /** The end of its newest statement's period, or null before the first. */
  lastClosedTo: Date | null;
}

export type AccountPeriodSnapshot = CountsSnapshot & LimitEvaluation;
export type EnvironmentPeriodSnapshot = CountsSnapshot & { environmentId: string; name: string | null };
/** A client tenant's step (a value holds until the next): its name and environment as counted. */
export type TenantPeriodSnapshot = CountsSnapshot & { tenantId: string; environmentId: string; name: string };

/** The stored snapshots a statement is computed from: those in the period and the last one before it. */
export interface PeriodSnapshots {
  account: AccountPeriodSnapshot[];
  environments: EnvironmentPeriodSnapshot[];
  tenants: TenantPeriodSnapshot[];
}

/** Selects one series' snapshots within [from, to) plus the one in force at `from` (the latest at or before it). */
const IN_PERIOD = (table: string, key: string) => `
  data_as_of < $3 AND data_as_of >= coalesce(
    (SELECT max(data_as_of) FROM ${table} p WHERE p.${key} = s.${key} AND p.data_as_of <= $2), $2)`;

/**
 * The worker's side of billing statements (as roster_worker: every account's). A statement is written once:
 * its primary key (account, period start) refuses a second, so two workers closing the same period at once
 * store one, and the one that stored it tells (usage.statement.closed, through the outbox).
 */
export class StatementsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async accounts(): Promise<AccountToClose[]> {
    const rows: (Omit<AccountToClose, 'createdAt' | 'lastClosedTo'> & {
      createdAt: string;
      lastClosedTo: string | null;
    })[] = await this.dataSource.query(
      `SELECT a.id, a.billing_day AS "billingDay", a.subscription_model AS model, a.aggregation,
                a.created_at AS "createdAt",
                (SELECT max(period_to) FROM usage_statements s WHERE s.account_id = a.id) AS "lastClosedTo"
           FROM accounts a ORDER BY a.id`,
    );
    return rows.map((row) => ({
      ...row,
      createdAt: new Date(row.createdAt),
      lastClosedTo: row.lastClosedTo ? new Date(row.lastClosedTo) : null,
    }));
  }

  async snapshots(accountId: string, period: BillingPeriod): Promise<PeriodSnapshots> {
    const params = [accountId, period.from, period.to];
    const account: (AccountPeriodSnapshot & { at: string })[] = await this.dataSource.query(
      `SELECT data_as_of AS at, internal, external, named, limits, status
         FROM account_usage s WHERE account_id = $1 AND ${IN_PERIOD('account_usage', 'account_id')}`,
      params,
    );
    const environments: (EnvironmentPeriodSnapshot & { at: string })[] = await this.dataSource.query(
      `SELECT s.environment_id AS "environmentId", e.name, s.data_as_of AS at, s.internal, s.external, s.named
         FROM environment_usage s LEFT JOIN environments e ON e.id = s.environment_id
        WHERE s.account_id = $1 AND s.kind = 'production' AND ${IN_PERIOD('environment_usage', 'environment_id')}`,
      params,
    );
    const tenants: (TenantPeriodSnapshot & { at: string })[] = await this.dataSource.query(
      `SELECT s.tenant_id AS "tenantId", s.environment_id AS "environmentId", s.name, s.data_as_of AS at,
              s.internal, s.external, s.named
         FROM tenant_usage s
        WHERE s.account_id = $1 AND s.kind = 'production' AND ${IN_PERIOD('tenant_usage', 'tenant_id')}`,
      params,
    );
    return {
      account: account.map((row) => ({ ...row, at: new Date(row.at) })),
      environments: environments.map((row) => ({ ...row, at: new Date(row.at) })),
      tenants: tenants.map((row) => ({ ...row, at: new Date(row.at) })),
    };
  }

  /**
   * Stores the statement unless the period has one, and then records `closed` in the outbox (delivered at once:
   * its only consumer is the webhook fan-out, which reads the outbox itself). True when this call stored it.
   */
  async close(
    accountId: string,
    period: BillingPeriod,
    statement: { id: string } & Record<string, unknown>,
    closed: RecordedChange,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const stored: unknown[] = await manager.query(
        `INSERT INTO usage_statements (account_id, period_from, period_to, id, statement)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
        [accountId, period.from, period.to, statement.id, JSON.stringify(statement)],
      );
      if (stored.length === 0) return false;
      await manager.query(
        `INSERT INTO outbox_events (id, account_id, type, event, recorded_at, delivered_at)
         VALUES ($1, $2, $3, $4, now(), now())
         ON CONFLICT (id) DO NOTHING`,
        [closed.id, accountId, closed.type, JSON.stringify(closed)],
      );
      return true;
    });
  }
}
