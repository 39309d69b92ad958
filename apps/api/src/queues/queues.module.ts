import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DEFAULT_JOB_OPTIONS, QUEUE_NAMES, type QueueName } from '@roster/domain';
import { FlowProducer, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { CONFIG, type Config } from '../config/config.js';

/**
 * The API's side of the queues: it only enqueues (DESIGN.md §6). One Redis connection for every
 * producer; it fails commands at once while Redis is down (no offline queue), so a request that
 * enqueues answers instead of hanging, and user management itself never waits on Redis.
 */
@Injectable()
export class Queues implements OnApplicationShutdown {
  private readonly connection: Redis;
  private readonly queues: Map<QueueName, Queue>;
  readonly flows: FlowProducer;

  constructor(@Inject(CONFIG) config: Config) {
    this.connection = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }).on(
      'error',
      () => undefined, // reported by /api/health; ioredis keeps reconnecting
    );
    const options = { connection: this.connection, prefix: config.queuePrefix };
    this.queues = new Map(
      QUEUE_NAMES.map((name) => [name, new Queue(name, { ...options, defaultJobOptions: DEFAULT_JOB_OPTIONS })]),
    );
    this.flows = new FlowProducer(options);
    for (const queue of this.queues.values()) queue.on('error', () => undefined);
    this.flows.on('error', () => undefined);
  }

  /**
   * Whether Redis answers right now. BullMQ waits (without a bound) for a connection it never had, so
   * whoever must not wait checks this first and answers at once.
   */
  get connected(): boolean {
    return this.connection.status === 'ready';
  }

  get(name: QueueName): Queue {
    return this.queues.get(name)!;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.all().map((queue) => queue.close()), this.flows.close()]);
    this.connection.disconnect();
  }
}

@Global()
@Module({ providers: [Queues], exports: [Queues] })
export class QueuesModule {}
