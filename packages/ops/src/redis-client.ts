import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';

/** One Redis, or a Redis Cluster: every process's clients are one or the other (REDIS_CLUSTER_NODES). */
export type RedisClient = Redis | Cluster;

/** Where Redis is: the shape of the API's and the worker's configuration (redisUrl, redisCluster). */
export interface RedisTarget {
  redisUrl: string;
  redisCluster: {
    nodes: { host: string; port: number }[];
    username: string | null;
    password: string | null;
    tls: boolean;
  } | null;
}

/**
 * What a caller may ask of a connection; on a cluster they apply to each node's connection, and the offline queue
 * and lazy connect to the cluster client as well.
 */
export type RedisClientOptions = Pick<
  RedisOptions,
  'enableOfflineQueue' | 'maxRetriesPerRequest' | 'commandTimeout' | 'lazyConnect'
>;

/** The cluster client's own options for what the caller asked. */
function clusterOptions(options: RedisClientOptions, redisOptions: RedisOptions): ClusterOptions {
  return {
    ...(options.enableOfflineQueue === undefined ? {} : { enableOfflineQueue: options.enableOfflineQueue }),
    ...(options.lazyConnect === undefined ? {} : { lazyConnect: options.lazyConnect }),
    redisOptions: { ...redisOptions, ...options },
  };
}

/**
 * A client of the configured Redis. On a cluster: writes and reads go to masters (scaleReads 'master', the
 * default: the counters and queues need to read what they just wrote), the credentials and TLS of the seed URLs
 * reach every node, and no ioredis keyPrefix is ever set (BullMQ cannot work with one).
 */
export function createRedis(target: RedisTarget, options: RedisClientOptions): RedisClient {
  const cluster = target.redisCluster;
  if (!cluster) return new Redis(target.redisUrl, options);
  const redisOptions: RedisOptions = {
    ...(cluster.username === null ? {} : { username: cluster.username }),
    ...(cluster.password === null ? {} : { password: cluster.password }),
    ...(cluster.tls ? { tls: {} } : {}),
  };
  return new Cluster(cluster.nodes, {
    ...clusterOptions(options, redisOptions),
    // A node that answers slowly at start-up must not leave the client without a slot map (default 1 s).
    slotsRefreshTimeout: 2000,
  });
}

/** A second connection like `client` (same Redis or cluster, same credentials) with other options. */
export function duplicateRedis(client: RedisClient, options: RedisClientOptions): RedisClient {
  if (client instanceof Redis) return client.duplicate(options);
  // Cluster.duplicate merges its options shallowly: the nodes' options (credentials, TLS) are merged here.
  const { redisOptions, ...own } = client.options;
  return client.duplicate([], { ...own, ...clusterOptions(options, redisOptions ?? {}) });
}

/** Whether the client is a cluster client. */
export const isCluster = (client: RedisClient): client is Cluster => client instanceof Cluster;

/**
 * Answers when Redis can serve: PING for one Redis; on a cluster, CLUSTER INFO must say cluster_state:ok (every
 * slot served), since a PING reaches one node only. Rejects otherwise (health and readiness time it).
 */
export async function redisServes(client: RedisClient): Promise<void> {
  if (!isCluster(client)) {
    await client.ping();
    return;
  }
  const info = await client.cluster('INFO');
  if (!/^cluster_state:ok\r?$/m.test(String(info))) throw new Error('the Redis Cluster is not serving every slot');
}

/**
 * The part of a key prefix that is not a hash tag: keys that must spread over a cluster's nodes by their own tag
 * (a tenant's login counters, its SCIM request log) are built on it, so the prefix's `{roster}` does not pin them
 * all to the queues' slot. With a prefix without braces (one Redis) the keys are the same as before.
 */
export const untagged = (prefix: string): string => prefix.replace(/[{}]/g, '');
