import { Injectable } from '@nestjs/common';
import type { EnvironmentLatestUsage } from '@roster/db';
import { evaluateLimits } from '@roster/domain';
import { Work } from '../changes/work.js';
import { Problem, TITLES } from '../common/problems.js';
import { historyWindow } from './usage-history.js';
import { UsageRecounts } from './usage-recounts.js';
import {
  type AccountUsageResponse,
  type EnvironmentUsageListResponse,
  type EnvironmentUsageResponse,
  type UsageHistoryQuery,
  type UsageHistoryResponse,
} from './usage.schemas.js';

/**
 * Serves the snapshots the worker writes (DESIGN.md §3, §6), read through the account's unit of work; it never
 * counts itself. "Latest" means the newest data (NEWEST_DATA_FIRST), and `computedAt` answers when that data was
 * read: a snapshot written late from older counts never replaces one of newer data.
 */
@Injectable()
export class UsageService {
  constructor(
    private readonly recounts: UsageRecounts,
    private readonly work: Work,
  ) {}

  async environment(environmentId: string): Promise<EnvironmentUsageResponse> {
    // The account is the one the access guard resolved the environment to.
    const latest = await this.work
      .account(undefined, environmentId)
      .read((data) => data.usage.latestOfEnvironment(environmentId));
    const { name: _name, ...usage } = toEnvironmentUsage(latest);
    return usage;
  }

  /** Every environment of the account with its latest snapshot (nulls before its first count). */
  async environmentsOf(accountId: string): Promise<EnvironmentUsageListResponse> {
    const items = await this.work.account(accountId).read((data) => data.usage.latestOfEnvironments());
    return { items: items.map(toEnvironmentUsage) };
  }

  /** The latest account snapshot; before the first one, the subscription's terms with no counts. */
  async account(accountId: string): Promise<AccountUsageResponse> {
    const { latest, account, names } = await this.work.account(accountId).read(async (data) => {
      const snapshot = await data.usage.latestOfAccount();
      return snapshot
        ? {
            latest: snapshot,
            account: null,
            names: await data.usage.environmentNames(snapshot.environments.map((entry) => entry.environmentId)),
          }
        : { latest: null, account: await data.usage.account(), names: new Map<string, string>() };
    });
    if (!latest) {
      const { limits } = evaluateLimits(account!.subscription, { internal: 0, external: 0, named: 0 });
      return {
        accountId,
        model: account!.subscriptionModel,
        aggregation: account!.aggregation,
        internal: null,
        external: null,
        named: null,
        limits,
        status: { internal: null, external: null, named: null },
        environments: [],
        computedAt: null,
      };
    }
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
    const { from, to } = historyWindow(query);
    const rows = await this.work.account(accountId).read((data) => data.usage.peaks(query.granularity, from, to));
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

function toEnvironmentUsage(row: EnvironmentLatestUsage): EnvironmentUsageListResponse['items'][number] {
  const { dataAsOf, ...usage } = row;
  return { ...usage, computedAt: dataAsOf?.toISOString() ?? null };
}
