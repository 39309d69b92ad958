import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createRedis, type RedisClient } from '@roster/ops';
import { CONFIG, type Config } from '../config/config.js';

export const REDIS = Symbol('REDIS');

/** How long start-up waits for Redis before serving anyway (health then reports it down). */
const READY_WAIT_MS = 3000;

/** Resolves once the connection is ready, or after the wait: the API starts either way. */
export function connected(redis: RedisClient, waitMs = READY_WAIT_MS): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, waitMs);
    redis.once('ready', done);
  });
}

/**
 * The API's Redis connection (a cluster client with REDIS_CLUSTER_NODES). It fails commands at once while Redis
 * is down instead of queueing them, so health checks and enqueues answer rather than hang.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [CONFIG],
      useFactory: async (config: Config) => {
        const redis = createRedis(config, {
          lazyConnect: false,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
        }).on('error', () => undefined); // reported by /api/health; ioredis keeps reconnecting
        await connected(redis, READY_WAIT_MS);
        return redis;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
