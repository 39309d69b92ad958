import type { EntityManager } from 'typeorm';
import { Account } from '../entities/account.entity.js';
import type { EnvironmentKind } from '../entities/environment.entity.js';
import type { AccountUsage } from '../entities/usage.entity.js';
import { latestAccountSnapshot, NEWEST_DATA_FIRST } from '../queries/account-usage.js';
import { found } from './errors.js';

/** An environment with its latest snapshot's counts; nulls before its first count. */
export interface EnvironmentLatestUsage {
  environmentId: string;
  name: string;
  kind: EnvironmentKind;
  internal: number | null;
  external: number | null;
  named: number | null;
  anonymous: number | null;
  inactive: number | null;
  dataAsOf: Date | null;
}

/** The peaks of one bucket of the account's history. */
export interface UsagePeak {
  at: Date;
  internal: number;
  external: number;
  named: number;
}

/**
 * The usage snapshots of one account, as the worker wrote them (the API never counts). Every statement is held
 * to the account, so an environment of another account is simply not found.
 */
export class UsageRepository {
  constructor(
    private readonly manager: EntityManager,
    /** null: platform-level work, which has no usage (nothing matches). */
    readonly accountId: string | null,
  ) {}

  /** The environment with its latest snapshot, or RecordNotFound. */
  async latestOfEnvironment(environmentId: string): Promise<EnvironmentLatestUsage> {
    const [latest] = await this.latestSnapshots('AND e.id = $2', [environmentId]);
    return found(latest, 'Environment', environmentId);
  }

  /** Every environment of the account with its latest snapshot, production first, then by name. */
  latestOfEnvironments(): Promise<EnvironmentLatestUsage[]> {
    return this.latestSnapshots('', []);
  }

  /** The latest account snapshot (the newest data), null before the first count. */
  latestOfAccount(): Promise<AccountUsage | null> {
    return this.accountId === null ? Promise.resolve(null) : latestAccountSnapshot(this.manager, this.accountId);
  }

  /** The account itself, for the subscription's terms before the first count; RecordNotFound when none. */
  async account(): Promise<Account> {
    const account = this.accountId === null ? null : await this.manager.findOneBy(Account, { id: this.accountId });
    return found(account, 'Account', this.accountId ?? 'none');
  }

  /** The names of the account's environments among `ids` (one deleted since has none). */
  async environmentNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.manager.query(
      'SELECT id, name FROM environments WHERE account_id = $1 AND id = ANY($2)',
      [this.accountId, ids],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /**
   * One row per bucket (`granularity`: a date_trunc unit) holding snapshots of data in [from, to): each
   * dimension's peak, oldest first. Buckets start at UTC midnight / the full UTC hour, whatever the server's
   * time zone.
   */
  async peaks(granularity: 'hour' | 'day', from: Date, to: Date): Promise<UsagePeak[]> {
    return this.manager.query(
      `SELECT date_trunc($2, data_as_of AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS at,
              max(internal)::int AS internal, max(external)::int AS external, max(named)::int AS named
         FROM account_usage
        WHERE account_id = $1 AND data_as_of >= $3 AND data_as_of < $4
        GROUP BY 1
        ORDER BY 1`,
      [this.accountId, granularity, from, to],
    );
  }

  private async latestSnapshots(condition: '' | 'AND e.id = $2', parameters: unknown[]) {
    const rows: (Omit<EnvironmentLatestUsage, 'environmentId' | 'dataAsOf'> & {
      id: string;
      data_as_of: Date | null;
    })[] = await this.manager.query(
      // One index probe per environment (environment_usage_latest_idx) for its latest snapshot.
      `SELECT e.id, e.name, e.kind, u.internal, u.external, u.named, u.anonymous, u.inactive, u.data_as_of
           FROM environments e
           LEFT JOIN LATERAL (
             SELECT internal, external, named, anonymous, inactive, data_as_of FROM environment_usage
              WHERE environment_id = e.id ORDER BY ${NEWEST_DATA_FIRST} LIMIT 1
           ) u ON true
          WHERE e.account_id = $1 ${condition}
          ORDER BY e.kind = 'production' DESC, lower(e.name), e.id`,
      [this.accountId, ...parameters],
    );
    return rows.map(({ id, data_as_of, ...row }) => ({ environmentId: id, ...row, dataAsOf: data_as_of }));
  }
}
