import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { duplicateRedis, type RedisClient } from '@roster/ops';
import { connected, REDIS } from '../database/redis.module.js';

export const LOGIN_REDIS = Symbol('LOGIN_REDIS');

/**
 * How long one command of the brute-force counters may take. Logins fail closed without the counters, so a
 * Redis that hangs (frozen, a network partition) must turn into a prompt 503, as health checks already do.
 */
export const LOGIN_REDIS_TIMEOUT_MS = 1000;

/**
 * The counters' own connection, so its command timeout applies to nothing else: the shared connection's
 * subscriber duplicate and BullMQ's connections may wait on Redis for as long as it takes.
 */
export const loginRedisProvider = {
  provide: LOGIN_REDIS,
  inject: [REDIS],
  useFactory: async (shared: RedisClient): Promise<RedisClient> => {
    const redis = duplicateRedis(shared, { commandTimeout: LOGIN_REDIS_TIMEOUT_MS });
    redis.on('error', () => undefined); // a login answers 503; ioredis keeps reconnecting
    await connected(redis);
    return redis;
  },
};

@Injectable()
export class LoginRedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(LOGIN_REDIS) private readonly redis: RedisClient) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
