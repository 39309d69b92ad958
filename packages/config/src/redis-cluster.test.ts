import { describe, expect, it } from 'vitest';
import { problemsOf } from '../test/problems-of.js';
import { loadApiConfig } from './api-config.js';
import { hashTagOf } from './variables/index.js';
import { loadWorkerConfig } from './worker-config.js';

describe('REDIS_CLUSTER_NODES', () => {
  it('is off by default: one Redis at REDIS_URL, under the prefix roster', () => {
    const config = loadWorkerConfig({});
    expect(config.redisCluster).toBeNull();
    expect(config.queuePrefix).toBe('roster');
    expect(loadApiConfig({ REDIS_CLUSTER_NODES: '' }).redisCluster).toBeNull();
  });

  it('takes host:port seeds and URLs, with the credentials and TLS of the URLs', () => {
    const config = loadApiConfig({
      REDIS_CLUSTER_NODES: 'rediss://roster:p%40ss@10.0.0.1:7000, 10.0.0.2:7001,rediss://cache.internal',
    });
    expect(config.redisCluster).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: 'cache.internal', port: 6379 },
      ],
      username: 'roster',
      password: 'p@ss',
      tls: true,
    });
  });

  it('refuses a bad seed or seeds that disagree, with the password masked', () => {
    expect(problemsOf(() => loadApiConfig({ REDIS_CLUSTER_NODES: 'redis://:hunter2@a:7000,b' }))).toEqual([
      'REDIS_CLUSTER_NODES=redis://:***@a:7000,b entry 2 must be host:port or a redis:// or rediss:// URL (example: 10.0.0.1:6379)',
    ]);
    expect(
      problemsOf(() => loadWorkerConfig({ REDIS_CLUSTER_NODES: 'redis://:one@a:7000,redis://:two@b:7000' })),
    ).toEqual([
      'REDIS_CLUSTER_NODES=redis://:***@a:7000,redis://:***@b:7000 must give its seeds one scheme, user and password: they are nodes of one cluster',
    ]);
  });
});

describe('ROSTER_QUEUE_PREFIX on a Redis Cluster', () => {
  const cluster = { REDIS_CLUSTER_NODES: '127.0.0.1:7000' };

  it('defaults to {roster} and keeps a prefix that holds a hash tag', () => {
    expect(loadWorkerConfig(cluster).queuePrefix).toBe('{roster}');
    expect(loadApiConfig({ ...cluster, ROSTER_QUEUE_PREFIX: 'prod:{roster}' }).queuePrefix).toBe('prod:{roster}');
  });

  it('refuses a prefix without one, in the API and the worker alike', () => {
    for (const load of [loadApiConfig, loadWorkerConfig]) {
      expect(problemsOf(() => load({ ...cluster, ROSTER_QUEUE_PREFIX: 'roster{}' }))).toEqual([
        'ROSTER_QUEUE_PREFIX=roster{} must hold a hash tag such as {roster} when REDIS_CLUSTER_NODES is set: every queue shares one cluster slot',
      ]);
    }
  });
});

describe('hashTagOf', () => {
  it('reads the tag as Redis Cluster does: the first {…} that is not empty', () => {
    expect(hashTagOf('{roster}:usage:wait')).toBe('roster');
    expect(hashTagOf('roster:login:{tenant:1}:ip')).toBe('tenant:1');
    expect(hashTagOf('a{}{b}')).toBeNull();
    expect(hashTagOf('a}{b')).toBeNull();
    expect(hashTagOf('roster')).toBeNull();
  });
});
