import { DEFAULT_JOB_OPTIONS, type QueueName } from '@roster/domain';
import type { KeepJobs } from 'bullmq';
import { createRedis, type RedisClient, type RedisTarget } from '@roster/ops';

export { DEFAULT_JOB_OPTIONS };

/**
 * The worker trims finished jobs too, so jobs added without options (by any producer) do
 * not pile up in Redis forever. Job-level options, when given, win.
 */
export const KEEP_COMPLETED: KeepJobs = DEFAULT_JOB_OPTIONS.removeOnComplete;
export const KEEP_FAILED: KeepJobs = DEFAULT_JOB_OPTIONS.removeOnFail;

/** Jobs run at once per queue and process; a typed record so a new queue must choose. */
export const QUEUE_CONCURRENCY: Record<QueueName, number> = {
  maintenance: 1, // hourly housekeeping: never worth running in parallel
  usage: 2, // one aggregate query each; a few at once keep a flow's children moving
  // Mostly waiting on receivers; a slow endpoint holds at most 4 (WebhookJobsHandler), so it cannot fill it.
  webhooks: 16,
  // One import at a time per process: each runs its own long transactions and batches, and two at once would only
  // contend for the same tables; more worker processes run more imports.
  imports: 1,
  // One policy run at a time per process: a run is a long series of write batches on one tenant's users, and the
  // runs of a day have all day; more worker processes run more tenants at once.
  lifecycle: 1,
};

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** Where the worker connects, for messages: the cluster's seeds, or the URL, without a password. */
function describe(target: RedisTarget): string {
  const cluster = target.redisCluster;
  if (!cluster) return `Redis at ${redactUrl(target.redisUrl)}`;
  return `the Redis Cluster at ${cluster.nodes.map(({ host, port }) => `${host}:${port}`).join(',')}`;
}

/**
 * One Redis connection shared by every Queue and Worker of the process (BullMQ duplicates it
 * for the workers' blocking reads); a cluster client with REDIS_CLUSTER_NODES, whose every node
 * connection gets these options. `maxRetriesPerRequest: null` is what BullMQ workers
 * require: commands wait for a reconnect instead of failing mid-job. The first connect has a
 * deadline, so a worker started without Redis says so instead of hanging.
 */
export async function connectRedis(target: RedisTarget, timeoutMs: number): Promise<RedisClient> {
  const redis = createRedis(target, { maxRetriesPerRequest: null, lazyConnect: true });
  let lastError: Error | undefined; // ioredis rejects connect() with a vague "Connection is closed."
  redis.on('error', (error: Error) => {
    lastError = error; // later outages surface as the workers' 'error' events
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
      }),
    ]);
    return redis;
  } catch (error) {
    redis.disconnect();
    const reason = (lastError ?? (error as Error)).message;
    throw new Error(`Cannot reach ${describe(target)} (${reason}). Is Redis running?`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
