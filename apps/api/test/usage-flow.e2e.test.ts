/**
 * End to end (DESIGN.md §3, §6; API.md §7): the real API and the real worker in one process, on one
 * database and one queue prefix. Nothing is inserted behind the API's back: every count below is
 * computed by the worker from users created through the API, and the expected numbers are worked
 * out by hand from the §3 rules.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createConnection, createServer } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerContext } from '@roster/worker/factory';
import { usageSchedulerId } from '@roster/domain';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, pollUntil, startTestApp, type TestApp } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';
import { workerConfigFor } from './worker-config.js';

type Totals = { internal: number; external: number; named: number };

/** The worker on the app's database and queue prefix (what `pnpm start` runs next to the API). */
function startWorker(t: TestApp): Promise<INestApplicationContext> {
  return createWorkerContext(workerConfigFor(t), { redisConnectTimeoutMs: 5_000 });
}

const sameTotals = (body: Totals, expected: Totals) =>
  body.internal === expected.internal && body.external === expected.external && body.named === expected.named;

/** Helpers bound to one app and account. */
function client(t: TestApp, w: AccountWorld) {
  const write = (method: string, path: string, body?: unknown) =>
    t.request(method, path, { token: w.tokens.admin, ...(body !== undefined ? { body } : {}) });
  const read = (path: string) => t.request('GET', path, { token: w.tokens.billing });
  return {
    write,
    read,
    async createUser(tenantId: string, body: Record<string, unknown>): Promise<string> {
      return expectStatus(await write('POST', `/tenants/${tenantId}/users`, body), 201).body.id;
    },
    async accountUsage() {
      return expectStatus(await read(`/accounts/${w.accountId}/usage`), 200).body;
    },
    /**
     * Requests a recount and waits for its job; answers the finished job. With `retryFor`, a 503 (queue
     * not reconnected yet) is retried until then.
     */
    async recount(retryFor = 0) {
      const requested = await pollUntil(
        'recount queued',
        () => write('POST', `/accounts/${w.accountId}/usage/recount`),
        (response) => response.status !== 503,
        retryFor,
      );
      const { jobId } = expectStatus(requested, 202).body;
      return pollUntil(
        `job ${jobId} completed`,
        async () => expectStatus(await read(`/jobs/${jobId}`), 200).body,
        (job) => job.state === 'completed' || job.state === 'failed',
      );
    },
    /** Waits for a snapshot newer than `before` with the expected totals (a debounced recount). */
    async awaitTotals(before: string | null, expected: Totals) {
      return pollUntil(
        `account totals ${JSON.stringify(expected)}`,
        () => this.accountUsage(),
        (usage) => usage.computedAt !== before && sameTotals(usage, expected),
      );
    },
  };
}

describe('usage flow: API and worker together', () => {
  let t: TestApp;
  let w: AccountWorld;
  let worker: INestApplicationContext | undefined;
  let api: ReturnType<typeof client>;
  let stagingTenantId: string;
  const users: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    w = await createAccountWorld(t);
    worker = await startWorker(t);
    api = client(t, w);
    const tenants = expectStatus(await api.write('GET', `/environments/${w.otherEnvironmentId}/tenants`), 200).body;
    stagingTenantId = tenants.items[0].id;
    // Production (tenants One and Two). No internal domains yet: every registered user is internal (§3.4).
    users.alice = await api.createUser(w.tenantId, { username: 'alice', email: 'alice@acme.com' });
    users.bob = await api.createUser(w.tenantId, { username: 'bob', email: 'bob@gmail.com' });
    // No email and a username that is no address: always internal (§3.2).
    users.carol = await api.createUser(w.tenantId, { username: 'carol' });
    users.dave = await api.createUser(w.tenantId, { username: 'dave', email: 'dave@acme.com', isActive: false });
    await api.createUser(w.tenantId, { kind: 'anonymous' });
    users.erin = await api.createUser(w.otherTenantId, { username: 'erin@client.io' }); // username as address
    // Non-production: counted on its own, never in the account's totals.
    await api.createUser(stagingTenantId, { username: 'sam', email: 'sam@acme.com' });
    await api.createUser(stagingTenantId, { username: 'sue', email: 'sue@other.org' });
    await api.createUser(stagingTenantId, { kind: 'anonymous' });
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('counts production environments only in the totals, and serves the non-production one apart', async () => {
    const job = await api.recount();
    expect(job).toMatchObject({ state: 'completed', progress: 100, result: { internal: 4, external: 0, named: 4 } });

    const usage = await api.accountUsage();
    expect(usage).toMatchObject({ accountId: w.accountId, internal: 4, external: 0, named: 4 });
    expect(usage.computedAt).not.toBeNull();
    expect(usage.environments).toEqual([
      { environmentId: w.environmentId, name: 'Production', internal: 4, external: 0, named: 4 },
    ]);

    const production = expectStatus(await api.read(`/environments/${w.environmentId}/usage`), 200).body;
    expect(production).toMatchObject({ kind: 'production', internal: 4, external: 0, anonymous: 1, inactive: 1 });
    const staging = expectStatus(await api.read(`/environments/${w.otherEnvironmentId}/usage`), 200).body;
    expect(staging).toMatchObject({
      environmentId: w.otherEnvironmentId,
      kind: 'non-production',
      internal: 2,
      external: 0,
      named: 2,
      anonymous: 1,
      inactive: 0,
    });
    expect(staging.computedAt).not.toBeNull();
  });

  it('moves the totals after the debounced recount of each change, without a recount request', async () => {
    let before = (await api.accountUsage()).computedAt;
    const step = async (expected: Totals) => (before = (await api.awaitTotals(before, expected)).computedAt);

    // Environment domains {acme.com}: bob (gmail.com) and erin (client.io) become external.
    expectStatus(
      await api.write('PUT', `/environments/${w.environmentId}/internal-domains`, { domains: ['acme.com'] }),
      200,
    );
    await step({ internal: 2, external: 2, named: 4 });

    // Tenant Two's own domains {client.io}: erin becomes internal.
    expectStatus(
      await api.write('PUT', `/tenants/${w.otherTenantId}/internal-domains`, { domains: ['client.io'] }),
      200,
    );
    await step({ internal: 3, external: 1, named: 4 });

    // Deactivating alice (internal) removes her from the licensed users.
    expectStatus(await api.write('POST', `/tenants/${w.tenantId}/users/${users.alice}/deactivate`), 200);
    await step({ internal: 2, external: 1, named: 3 });

    // Staging becomes production: its users (no domains there, so both internal) enter the totals.
    expectStatus(await api.write('PATCH', `/environments/${w.otherEnvironmentId}`, { kind: 'production' }), 200);
    const usage = await api.awaitTotals(before, { internal: 4, external: 1, named: 5 });
    expect(usage.environments).toHaveLength(2);
    expect(usage.environments).toContainEqual({
      environmentId: w.otherEnvironmentId,
      name: 'Staging',
      internal: 2,
      external: 0,
      named: 2,
    });
  }, 45_000);

  it('answers a recount request with a job that completes with the new totals', async () => {
    // An external user (not acme.com) in production; the recount must see it without waiting for the debounce.
    await api.createUser(w.tenantId, { username: 'frank', email: 'frank@elsewhere.net' });
    const job = await api.recount();
    expect(job).toMatchObject({
      name: 'usage.recount-account',
      state: 'completed',
      failedReason: null,
      result: { skipped: false, accountId: w.accountId, internal: 4, external: 2, named: 6 },
    });
    expect(await api.accountUsage()).toMatchObject({ internal: 4, external: 2, named: 6 });
  });
});

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Whether a Redis on the port answers PING. */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const finish = (ok: boolean) => (socket.destroy(), resolve(ok));
    socket.setTimeout(500, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => finish(data.toString().startsWith('+PONG')));
  });
}

describe('usage flow with Redis going away and coming back', () => {
  let port: number;
  let redis: ChildProcess | undefined;
  let t: TestApp;
  let w: AccountWorld;
  let worker: INestApplicationContext | undefined;
  let api: ReturnType<typeof client>;

  async function startRedis(): Promise<void> {
    redis = spawn('redis-server', ['--port', String(port), '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await pollUntil(`redis-server on port ${port}`, () => pings(port), Boolean, 10_000);
  }

  async function stopRedis(): Promise<void> {
    const child = redis;
    redis = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  beforeAll(async () => {
    port = await freePort();
    await startRedis();
    t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
    // Signed in while Redis is up (logins need it); the tokens themselves are checked in PostgreSQL.
    w = await createAccountWorld(t);
    worker = await startWorker(t);
    api = client(t, w);
    expectStatus(
      await api.write('PUT', `/environments/${w.environmentId}/internal-domains`, { domains: ['acme.com'] }),
      200,
    );
  }, 60_000);

  afterAll(async () => {
    // Redis back first, so that closing the queues does not wait on a dead server.
    if (!redis && port) await startRedis().catch(() => undefined);
    await worker?.close();
    await t?.close();
    await stopRedis();
  });

  it('keeps user management working while Redis is down, and catches up exactly once it is back', async () => {
    const alice = await api.createUser(w.tenantId, { username: 'alice', email: 'alice@acme.com' });
    await api.createUser(w.tenantId, { username: 'bob', email: 'bob@gmail.com' });
    expect(await api.recount()).toMatchObject({ state: 'completed', result: { internal: 1, external: 1, named: 2 } });

    await stopRedis();
    const health = await t.request('GET', '/api/health');
    expect(health).toMatchObject({ status: 503, body: { database: 'up', redis: 'down' } });
    // User management answers (the recount triggers are best-effort) …
    await api.createUser(w.tenantId, { username: 'carol', email: 'carol@gmail.com' });
    expectStatus(await api.write('POST', `/tenants/${w.tenantId}/users/${alice}/deactivate`), 200);
    // … the last snapshot is still served, and a recount cannot be queued.
    expect(await api.accountUsage()).toMatchObject({ internal: 1, external: 1, named: 2 });
    expectStatus(await api.write('POST', `/accounts/${w.accountId}/usage/recount`), 503);

    await startRedis();
    await pollUntil(
      'API sees Redis again',
      () => t.request('GET', '/api/health'),
      (response) => response.status === 200,
    );
    // Redis came back empty (no persistence): the changes made meanwhile are counted by the next recount,
    // requested as soon as the API's queue connection is back (ioredis reconnects with a backoff).
    const job = await api.recount(10_000);
    expect(job).toMatchObject({ state: 'completed', result: { internal: 0, external: 2, named: 2 } });
    expect(await api.accountUsage()).toMatchObject({ internal: 0, external: 2, named: 2 });

    // The worker re-creates the schedulers the empty Redis lost, so periodic recounts resume by themselves.
    const usage = new Queue('usage', { connection: { host: '127.0.0.1', port }, prefix: t.config.queuePrefix });
    try {
      await pollUntil(
        "the account's recount scheduler back in Redis",
        async () => (await usage.getJobSchedulers()).map((scheduler) => scheduler.key),
        (keys) => keys.includes(usageSchedulerId(w.accountId)),
      );
    } finally {
      await usage.close();
    }
  }, 45_000);
});
