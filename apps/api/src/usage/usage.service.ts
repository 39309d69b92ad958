import { Injectable } from '@nestjs/common';
import { Account, latestAccountSnapshot, NEWEST_DATA_FIRST } from '@roster/db';
import { evaluateLimits } from '@roster/domain';
import { DataSource } from 'typeorm';
import { badRequest, notFound, Problem, TITLES } from '../common/problems.js';
import { UsageRecounts } from './usage-recounts.js';
import {
  type AccountUsageResponse,
  type EnvironmentUsageListResponse,
  type EnvironmentUsageResponse,
  HISTORY_DEFAULT_RANGE_MS,
  HISTORY_MAX_RANGE_MS,
  type UsageHistoryQuery,
  type UsageHistoryResponse,
} from './usage.schemas.js';

/**
 * Serves the snapshots the worker writes (DESIGN.md §3, §6); it never counts itself. "Latest" means the newest
 * data (NEWEST_DATA_FIRST), and `computedAt` answers when that data was read: a snapshot written late from older
 * counts never replaces one of newer data.
 */
@Injectable()
export class UsageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly recounts: UsageRecounts,
  ) {}

  async environment(environmentId: string): Promise<EnvironmentUsageResponse> {
    const [latest] = await this.latestSnapshots('e.id = $1', environmentId);
    if (!latest) throw notFound('Environment', environmentId);
    const { name: _name, ...usage } = latest;
    return usage;
  }

  /** Every environment of the account with its latest snapshot (nulls before its first count). */
  async environmentsOf(accountId: string): Promise<EnvironmentUsageListResponse> {
    return { items: await this.latestSnapshots('e.account_id = $1', accountId) };
  }

  /** The environments `where` picks, production first, each with its latest snapshot or nulls. */
  private async latestSnapshots(
    where: 'e.id = $1' | 'e.account_id = $1',
    id: string,
  ): Promise<EnvironmentUsageListResponse['items']> {
    const rows: {
      id: string;
      name: string;
      kind: 'production' | 'non-production';
      internal: number | null;
      external: number | null;
      named: number | null;
      anonymous: number | null;
      inactive: number | null;
      data_as_of: Date | null;
    }[] = await this.dataSource.query(
      // One index probe per environment (environment_usage_latest_idx) for its latest snapshot.
      `SELECT e.id, e.name, e.kind, u.internal, u.external, u.named, u.anonymous, u.inactive, u.data_as_of
         FROM environments e
         LEFT JOIN LATERAL (
           SELECT internal, external, named, anonymous, inactive, data_as_of FROM environment_usage
            WHERE environment_id = e.id ORDER BY ${NEWEST_DATA_FIRST} LIMIT 1
         ) u ON true
        WHERE ${where}
        ORDER BY e.kind = 'production' DESC, lower(e.name), e.id`,
      [id],
    );
    return rows.map((row) => ({
      environmentId: row.id,
      name: row.name,
      kind: row.kind,
      internal: row.internal,
      external: row.external,
      named: row.named,
      anonymous: row.anonymous,
      inactive: row.inactive,
      computedAt: row.data_as_of?.toISOString() ?? null,
    }));
  }

  /** The latest account snapshot; before the first one, the subscription's terms with no counts. */
  async account(accountId: string): Promise<AccountUsageResponse> {
    const latest = await latestAccountSnapshot(this.dataSource, accountId);
    if (!latest) {
      const account = await this.dataSource.getRepository(Account).findOneBy({ id: accountId });
      if (!account) throw notFound('Account', accountId);
      const { limits } = evaluateLimits(account.subscription, { internal: 0, external: 0, named: 0 });
      return {
        accountId,
        model: account.subscriptionModel,
        aggregation: account.aggregation,
        internal: null,
        external: null,
        named: null,
        limits,
        status: { internal: null, external: null, named: null },
        environments: [],
        computedAt: null,
      };
    }
    const ids = latest.environments.map((entry) => entry.environmentId);
    const names = new Map<string, string>(
      ids.length === 0
        ? []
        : (
            (await this.dataSource.query('SELECT id, name FROM environments WHERE id = ANY($1)', [ids])) as {
              id: string;
              name: string;
            }[]
          ).map((row) => [row.id, row.name]),
    );
    return {
      accountId,
      model: latest.model,
      aggregation: latest.aggregation,
      internal: latest.internal,
      external: latest.external,
      named: latest.named,
      limits: latest.limits,
      status: latest.status,
      environments: latest.environments.map((entry) => ({
        environmentId: entry.environmentId,
        name: names.get(entry.environmentId) ?? entry.name ?? null,
        internal: entry.internal,
        external: entry.external,
        named: entry.named,
      })),
      computedAt: latest.dataAsOf.toISOString(),
    };
  }

  /**
   * One item per bucket holding snapshots: the peak of each dimension in it, oldest first. Snapshots fall in the
   * bucket of their data time, the `computedAt` the usage route served for them (the worker stores none older
   * than the data already stored, so every one was the served total when stored).
   */
  async history(accountId: string, query: UsageHistoryQuery): Promise<UsageHistoryResponse> {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - HISTORY_DEFAULT_RANGE_MS);
    if (from.getTime() >= to.getTime()) {
      throw badRequest('"from" must be before "to".', [{ field: 'from', message: 'must be before to' }]);
    }
    const maxRange = HISTORY_MAX_RANGE_MS[query.granularity];
    if (to.getTime() - from.getTime() > maxRange) {
      const days = maxRange / 86_400_000;
      throw badRequest(`With granularity=${query.granularity}, from and to may be at most ${days} days apart.`, [
        { field: 'from', message: `must be at most ${days} days before to` },
      ]);
    }
    // Buckets start at UTC midnight / the full UTC hour, whatever the server's time zone.
    const rows: { at: Date; internal: number; external: number; named: number }[] = await this.dataSource.query(
      `SELECT date_trunc($2, data_as_of AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS at,
              max(internal)::int AS internal, max(external)::int AS external, max(named)::int AS named
         FROM account_usage
        WHERE account_id = $1 AND data_as_of >= $3 AND data_as_of < $4
        GROUP BY 1
        ORDER BY 1`,
      [accountId, query.granularity, from, to],
    );
    return {
      items: rows.map((row) => ({
        at: new Date(row.at).toISOString(),
        internal: row.internal,
        external: row.external,
        named: row.named,
      })),
    };
  }

  /**
   * Asks the worker to recount the account now; answers the request's job id, which GET /jobs/:id follows
   * to the recount flow the worker starts for it.
   */
  async recount(accountId: string): Promise<{ jobId: string }> {
    try {
      return { jobId: await this.recounts.requestNow(accountId) };
    } catch (error) {
      throw new Problem(
        503,
        TITLES[503]!,
        `The recount could not be queued (${(error as Error).message}); the job queue is unavailable. ` +
          'Try again later; scheduled recounts resume on their own.',
      );
    }
  }
}
