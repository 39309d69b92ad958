/**
 * Roster on a Redis Cluster (REDIS_CLUSTER_NODES): a three-master cluster on loopback started here, two API
 * replicas and the real worker on it, under the prefix {roster}. What must work across the cluster's slots: a
 * usage recount flow (children and parent in different queues), the worker's job schedulers, the brute-force
 * scripts and MULTIs (keys under a per-realm hash tag), the SCIM request log (one MULTI per tenant) and cache
 * invalidation between replicas (subscribers on any node, counted on every node).
 */
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { usageSchedulerId } from '@roster/domain';
import { createRedis, isCluster, type RedisClient } from '@roster/ops';
import { createWorkerContext } from '@roster/worker/factory';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.factory.js';
import { InvalidationBus } from '../src/cache/invalidation.service.js';
import { REDIS } from '../src/database/redis.module.js';
import { ScimRequestLog } from '../src/scim-tokens/scim-request-log.js';
import { expectStatus, pollUntil, type Response, startTestApp, type TestApp, unique } from './harness.js';
import { cli, type RedisCluster, startRedisCluster } from './redis-cluster.js';
import { workerConfigFor } from './worker-config.js';
import { type AccountWorld, createAccountWorld } from './world.js';

const PASSWORD = 'end-user passphrase';

let cluster: RedisCluster | undefined;
let a: TestApp;
let b: NestFastifyApplication;
let w: AccountWorld;
let worker: INestApplicationContext | undefined;
let redis: RedisClient | undefined;

beforeAll(async () => {
  cluster = await startRedisCluster();
  a = await startTestApp({ REDIS_CLUSTER_NODES: cluster.nodes, ROSTER_QUEUE_PREFIX: '{roster}' });
  b = await createApp(a.config);
  w = await createAccountWorld(a);
  // The account's recount scheduler fires every second, so a test can see it fire.
  worker = await createWorkerContext(workerConfigFor(a, { usageRecountEveryMs: 1_000 }), {
    redisConnectTimeoutMs: 5_000,
  });
  redis = createRedis(a.config, { maxRetriesPerRequest: null });
}, 60_000);

afterAll(async () => {
  try {
    redis?.disconnect();
    await worker?.close();
    await b?.close();
    await a?.close();
  } finally {
    await cluster?.stop();
  }
}, 30_000);

const admin = (method: string, url: string, body?: unknown) => a.request(method, url, { token: w.tokens.admin, body });

async function createUser(tenantId: string, body: Record<string, unknown>): Promise<string> {
  return expectStatus(await admin('POST', `/tenants/${tenantId}/users`, body), 201).body.id;
}

describe('on a three-master Redis Cluster', () => {
  it('runs every process on cluster clients, reports the cluster ready, and keeps the queues under {roster}', async () => {
    expect(a.config.redisCluster?.nodes).toHaveLength(3);
    expect(isCluster(a.app.get(REDIS))).toBe(true);
    const ready = expectStatus(await a.request('GET', '/api/health/ready'), 200).body;
    expect(ready).toMatchObject({ status: 'ready', redis: 'up' });
    const health = expectStatus(await a.request('GET', '/api/health'), 200).body;
    expect(health).toMatchObject({ redis: 'up' });
    expect(health.queues).not.toBeNull();
  });

  it('runs a usage recount flow through the worker and sums its children into the account', async () => {
    await createUser(w.tenantId, { username: 'alice', email: 'alice@acme.com' });
    await createUser(w.tenantId, { username: 'bob', email: 'bob@gmail.com' });
    await createUser(w.otherTenantId, { username: 'carol' });
    await createUser(w.tenantId, { kind: 'anonymous' });
    expectStatus(
      await admin('PUT', `/environments/${w.environmentId}/internal-domains`, { domains: ['acme.com'] }),
      200,
    );

    const { jobId } = expectStatus(
      await a.request('POST', `/accounts/${w.accountId}/usage/recount`, { token: w.tokens.admin }),
      202,
    ).body;
    const job = await pollUntil(
      `job ${jobId}`,
      async () => expectStatus(await a.request('GET', `/jobs/${jobId}`, { token: w.tokens.billing }), 200).body,
      (body) => body.state === 'completed' || body.state === 'failed',
    );
    // alice (acme.com) and carol (no address) internal, bob (gmail.com) external; the anonymous user is not named.
    expect(job).toMatchObject({ state: 'completed', result: { internal: 2, external: 1, named: 3 } });
    const usage = expectStatus(
      await a.request('GET', `/accounts/${w.accountId}/usage`, { token: w.tokens.billing }),
      200,
    );
    expect(usage.body).toMatchObject({ internal: 2, external: 1, named: 3 });
    expect(usage.body.environments).toEqual([
      { environmentId: w.environmentId, name: 'Production', internal: 2, external: 1, named: 3 },
    ]);
  });

  it("registers the worker's job schedulers and fires them", async () => {
    const usage = new Queue('usage', { connection: redis!, prefix: a.config.queuePrefix });
    const maintenance = new Queue('maintenance', { connection: redis!, prefix: a.config.queuePrefix });
    try {
      const names = (await maintenance.getJobSchedulers()).map((scheduler) => scheduler.key);
      expect(names).toContain('maintenance.purge-expired-sessions');
      // The account's recount, every second: it has run by now, and runs again.
      const scheduler = () => usage.getJobScheduler(usageSchedulerId(w.accountId));
      const first = await pollUntil('a scheduled recount', scheduler, (found) => (found?.iterationCount ?? 0) >= 1);
      await pollUntil(
        'another scheduled recount',
        scheduler,
        (found) => (found?.iterationCount ?? 0) > first!.iterationCount!,
        5_000,
      );
      const before = (await usage.getJobCounts('completed')).completed ?? 0;
      await pollUntil(
        'a completed scheduled job',
        () => usage.getJobCounts('completed'),
        (counts) => (counts.completed ?? 0) > before,
        5_000,
      );
    } finally {
      await usage.close();
      await maintenance.close();
    }
  });

  it('counts failed end-user logins in the cluster and blocks the pair after three', async () => {
    const username = unique('guarded');
    await createUser(w.tenantId, { username, password: PASSWORD });
    const login = (password: string, ip: string): Promise<Response> =>
      a.request('POST', `/tenants/${w.tenantId}/auth/login`, { body: { username, password }, remoteAddress: ip });
    expect((await login(PASSWORD, '10.40.0.1')).status).toBe(200);
    for (let i = 0; i < 3; i += 1) expect((await login('wrong', '10.40.0.2')).status).toBe(401);
    const blocked = await login(PASSWORD, '10.40.0.2');
    expect({ status: blocked.status, retryAfter: blocked.headers['retry-after'] }).toEqual({
      status: 429,
      retryAfter: '30',
    });
    // Another address is not blocked: the pair is.
    expect((await login(PASSWORD, '10.40.0.3')).status).toBe(200);
    // The block is listed, and lifted with one MULTI on the realm's slot.
    const blocks = expectStatus(await admin('GET', `/tenants/${w.tenantId}/login-blocks`), 200).body.items;
    expect(blocks).toHaveLength(1);
    expectStatus(await admin('DELETE', `/tenants/${w.tenantId}/login-blocks/${encodeURIComponent(blocks[0].id)}`), 204);
    expect((await login(PASSWORD, '10.40.0.2')).status).toBe(200);
  });

  it("keeps each tenant's SCIM request log, written together, on its own slot", async () => {
    const log = a.app.get(ScimRequestLog);
    const tenants = [randomUUID(), randomUUID(), randomUUID()];
    const entry = (tenantId: string) => ({
      at: new Date().toISOString(),
      method: 'GET',
      path: `/Users?tenant=${tenantId}`,
      status: 200,
      tokenId: randomUUID(),
      durationMs: 1,
    });
    // The first starts a write; the other two gather and go together in the next (one MULTI per tenant).
    for (const tenantId of tenants) log.record(tenantId, entry(tenantId));
    for (const tenantId of tenants) {
      expect((await log.latest(tenantId)).map((found) => found.path)).toEqual([`/Users?tenant=${tenantId}`]);
    }
  });

  it('has a change made on one replica seen by the other before the response', async () => {
    expect(live(a.app) && live(b)).toBe(true);
    expectStatus(
      await admin('PUT', `/environments/${w.environmentId}/applications/crm`, {
        name: 'CRM',
        roles: [{ key: 'crm.read', name: 'Read' }],
      }),
      201,
    );
    await expectRevocationSeenByB();
  });

  it('listens again on another node when the node a replica listened on goes, and serves no cache meanwhile', async () => {
    // The worker's part is over. Closed first: once the Redis of its queues comes back empty (a restart without
    // persistence, here the node may own {roster}'s slot) some BullMQ workers never finish closing, on one Redis too.
    await worker?.close();
    worker = undefined;
    // The nodes with listeners (each replica listens on one node, maybe the same).
    const listened = [];
    for (const port of cluster!.ports) {
      const { stdout } = await cli(port, 'client', 'list', 'type', 'pubsub');
      if (stdout.trim() !== '') listened.push(port);
    }
    expect(listened.length).toBeGreaterThan(0);
    await cluster!.stopNode(listened[0]!);
    try {
      const both = async () => live(a.app) && live(b);
      await pollUntil('a replica off its caches', both, (yes) => !yes, 5_000);
      await pollUntil('both replicas listening again', both, (yes) => yes, 20_000);
      await expectRevocationSeenByB();
    } finally {
      // Back with its slots, so the processes close as usual.
      await cluster!.restartNode(listened[0]!);
    }
  }, 40_000);
});

const live = (app: NestFastifyApplication) => app.get(InvalidationBus).live;

/** Grants a role, has B cache it, revokes it through A: B must refuse it as soon as A answered. */
async function expectRevocationSeenByB(): Promise<void> {
  const userId = await createUser(w.tenantId, { username: unique('m') });
  expectStatus(await admin('PUT', `/tenants/${w.tenantId}/users/${userId}/roles/crm.read`), 204);
  const checkOnB = async () => {
    const response = await b.inject({
      method: 'GET',
      url: `/api/v1/tenants/${w.tenantId}/users/${userId}/check-role/crm.read`,
      headers: { authorization: `Bearer ${w.keys.admin}` },
    });
    expect(response.statusCode).toBe(200);
    return JSON.parse(response.body).granted as boolean;
  };
  expect(await checkOnB()).toBe(true); // now in B's cache
  const started = performance.now();
  expectStatus(await admin('DELETE', `/tenants/${w.tenantId}/users/${userId}/roles/crm.read`), 204);
  // Every replica confirmed before the 204: the announcement did not give up waiting (after 2 s).
  expect(performance.now() - started).toBeLessThan(2_000);
  expect(await checkOnB()).toBe(false);
}
