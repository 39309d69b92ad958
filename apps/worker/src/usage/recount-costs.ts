import { JOBS, RECOUNT_SPACING_MAX_MS, type RecountCost } from '@roster/domain';
import type { JobRunner } from '../jobs/job-runner.service.js';

/**
 * What each account's latest recount cost the database (RecountCost), kept in Redis beside the usage queue, so
 * whichever worker takes the account's next request can space it (recountWaitMs). An entry outlives the longest
 * spacing and then goes: a missing one only means "no wait".
 */
export class RecountCosts {
  constructor(private readonly runner: JobRunner) {}

  async record(accountId: string, cost: RecountCost): Promise<void> {
    const { redis, key } = this.locate(accountId);
    await redis.set(key, JSON.stringify(cost), 'PX', 2 * RECOUNT_SPACING_MAX_MS);
  }

  async read(accountId: string): Promise<RecountCost | null> {
    const { redis, key } = this.locate(accountId);
    const stored = await redis.get(key);
    if (stored === null) return null;
    const { databaseMs, finishedAt } = JSON.parse(stored) as Partial<RecountCost>;
    return Number.isFinite(databaseMs) && Number.isFinite(finishedAt)
      ? { databaseMs: databaseMs!, finishedAt: finishedAt! }
      : null;
  }

  /** The key is under the usage queue's prefix (and so its hash tag, on a Redis Cluster). */
  private locate(accountId: string) {
    const queue = this.runner.queue(JOBS['usage.request-recount'].queue);
    const redis = this.runner.redisConnection;
    if (!queue || !redis) throw new Error('The job runner is not started');
    return { redis, key: queue.toKey(`recount-cost:${accountId}`) };
  }
}
