export { bearerMatches } from './bearer.js';
export { poolConnectionsGauge } from './pool-connections.js';
export {
  type CountableQueue,
  QUEUE_STATES,
  type QueueDepthOptions,
  queueDepthGauge,
  type QueueState,
} from './queue-depth.js';
export { createInstanceRegistry } from './registry.js';
export { withTimeout } from './with-timeout.js';
export {
  createRedis,
  duplicateRedis,
  isCluster,
  type RedisClient,
  type RedisClientOptions,
  redisServes,
  type RedisTarget,
  untagged,
} from './redis-client.js';
