import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { coalesceWithinMs, type DebouncedJob, DEFAULT_JOB_OPTIONS, QUEUE_NAMES, type QueueName } from '@roster/domain';
import { createRedis, type RedisClient, withTimeout } from '@roster/ops';
import { Queue } from 'bullmq';
import { CONFIG, type Config } from '../config/config.js';

/** How long a request waits on Redis before it answers 503. */
export const QUEUE_REQUEST_TIMEOUT_MS = 5_000;

/**
 * The API's side of the queues: it only enqueues (DESIGN.md §6). One Redis connection for every
 * producer; it fails commands at once while Redis is down (no offline queue), so a request that
 * enqueues answers instead of hanging, and user management itself never waits on Redis.
 */
@Injectable()
export class Queues implements OnApplicationShutdown {
  private readonly connection: RedisClient;
  private readonly queues: Map<QueueName, Queue>;
  /** The debounced requests sent lately, by queue and deduplication id (see addDebounced). */
  private readonly recentRequests = new Map<string, Promise<unknown>>();

  constructor(@Inject(CONFIG) config: Config) {
    this.connection = createRedis(config, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }).on(
      'error',
      () => undefined, // reported by /api/health; ioredis keeps reconnecting
    );
    const options = { connection: this.connection, prefix: config.queuePrefix };
    this.queues = new Map(
      QUEUE_NAMES.map((name) => [name, new Queue(name, { ...options, defaultJobOptions: DEFAULT_JOB_OPTIONS })]),
    );
    for (const queue of this.queues.values()) queue.on('error', () => undefined);
  }

  /**
   * Runs work against the queues, failing at once while Redis is not connected and after `timeoutMs`
   * when it does not answer: BullMQ waits without a bound for a connection it never had, and a request
   * must not.
   */
  async run<T>(work: () => Promise<T>, timeoutMs = QUEUE_REQUEST_TIMEOUT_MS): Promise<T> {
    if (this.connection.status !== 'ready') throw new Error('Redis is not connected');
    return withTimeout(work(), timeoutMs, `no answer from Redis in ${timeoutMs} ms`);
  }

  /**
   * Adds a debounced job (a deduplication window shorter than its delay), or joins the same request this process
   * sent less than coalesceWithinMs ago, whose run will read the caller's change: one request per window, not one
   * per change. A joined request fails as the one it joined does, so the caller's change is left to the relay.
   */
  async addDebounced(queue: QueueName, job: DebouncedJob, timeoutMs: number): Promise<void> {
    const key = `${queue}\n${job.opts.deduplication.id}`;
    const recent = this.recentRequests.get(key);
    if (recent) {
      await recent;
      return;
    }
    const added = this.run(() => this.get(queue).add(job.name, job.data, job.opts), timeoutMs);
    this.recentRequests.set(key, added);
    const forget = () => {
      if (this.recentRequests.get(key) === added) this.recentRequests.delete(key);
    };
    // A failed request is not joined any longer: the next change tries again.
    added.catch(forget);
    setTimeout(forget, coalesceWithinMs(job.opts)).unref();
    await added;
  }

  get(name: QueueName): Queue {
    return this.queues.get(name)!;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.all().map((queue) => queue.close()));
    this.connection.disconnect();
  }
}

@Global()
@Module({ providers: [Queues], exports: [Queues] })
export class QueuesModule {}
