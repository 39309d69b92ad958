/** Usage (API.md §7): the snapshot read routes, recount requests and their jobs, and the debounced triggers. */
import { randomUUID } from 'node:crypto';
import { latestAccountTotals } from '@roster/db';
import { coalesceWithinMs, debouncedRecountRequest, usageSchedulerId } from '@roster/domain';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Work } from '../src/changes/work.js';
import { Queues } from '../src/queues/queues.module.js';
import { UsageRecounts } from '../src/usage/usage-recounts.js';
import { UsageService } from '../src/usage/usage.service.js';
import { takeRecountRequests, pendingRecountRequests } from './recount-requests.js';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
let usageQueue: Queue;

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  usageQueue = new Queue('usage', { connection: { url: t.config.redisUrl }, prefix: t.config.queuePrefix });
}, 60_000);
afterAll(async () => {
  await usageQueue?.close();
  await t?.close();
});

const get = (path: string, token = w.tokens.billing) => t.request('GET', path, { token });

/** When a snapshot's data was read and when it was written; a plain string for both (a parent on time). */
type SnapshotTime = string | { dataAsOf: string; computedAt: string };
const timesOf = (at: SnapshotTime) => (typeof at === 'string' ? { dataAsOf: at, computedAt: at } : at);

async function insertEnvironmentUsage(
  world: AccountWorld,
  environmentId: string,
  counts: { internal: number; external: number; anonymous: number; inactive: number },
  at: SnapshotTime,
): Promise<void> {
  const { dataAsOf, computedAt } = timesOf(at);
  await t.db.query(
    `INSERT INTO environment_usage
       (id, environment_id, account_id, run_id, kind, internal, external, named, anonymous, inactive, data_as_of,
        computed_at)
     VALUES ($1, $2, $3, $4, 'production', $5::int, $6::int, $5::int + $6::int, $7, $8, $9, $10)`,
    [
      randomUUID(),
      environmentId,
      world.accountId,
      randomUUID(),
      counts.internal,
      counts.external,
      counts.anonymous,
      counts.inactive,
      dataAsOf,
      computedAt,
    ],
  );
}

async function insertAccountUsage(
  world: AccountWorld,
  counts: { internal: number; external: number },
  at: SnapshotTime,
  environments: unknown[] = [],
): Promise<void> {
  const { dataAsOf, computedAt } = timesOf(at);
  await t.db.query(
    `INSERT INTO account_usage
       (id, account_id, run_id, model, aggregation, internal, external, named, limits, status, environments,
        data_as_of, computed_at)
     VALUES ($1, $2, $3, 'internal-external', 'sum', $4::int, $5::int, $4::int + $5::int, $6, $7, $8, $9, $10)`,
    [
      randomUUID(),
      world.accountId,
      randomUUID(),
      counts.internal,
      counts.external,
      JSON.stringify({ internal: 100, external: 10, named: null }),
      JSON.stringify({ internal: 'ok', external: counts.external >= 9 ? 'warning' : 'ok', named: null }),
      JSON.stringify(environments),
      dataAsOf,
      computedAt,
    ],
  );
}

describe('GET /environments/:id/usage', () => {
  it('answers nulls before the first count, with the environment’s kind', async () => {
    const body = expectStatus(await get(`/environments/${w.otherEnvironmentId}/usage`), 200).body;
    expect(body).toEqual({
      environmentId: w.otherEnvironmentId,
      kind: 'non-production',
      internal: null,
      external: null,
      named: null,
      anonymous: null,
      inactive: null,
      computedAt: null,
    });
  });

  it('serves the latest snapshot', async () => {
    const world = await createAccountWorld(t);
    await insertEnvironmentUsage(
      world,
      world.environmentId,
      { internal: 9, external: 9, anonymous: 9, inactive: 9 },
      '2026-01-01T00:00:00Z',
    );
    await insertEnvironmentUsage(
      world,
      world.environmentId,
      { internal: 4, external: 2, anonymous: 1, inactive: 3 },
      '2026-01-02T00:00:00Z',
    );
    await insertEnvironmentUsage(
      world,
      world.environmentId,
      { internal: 7, external: 7, anonymous: 7, inactive: 7 },
      '2025-12-31T00:00:00Z',
    );
    const body = expectStatus(await get(`/environments/${world.environmentId}/usage`, world.keys.billing), 200).body;
    expect(body).toEqual({
      environmentId: world.environmentId,
      kind: 'production',
      internal: 4,
      external: 2,
      named: 6,
      anonymous: 1,
      inactive: 3,
      computedAt: '2026-01-02T00:00:00.000Z',
    });
  });

  it('serves the newest data, not the last write: a count held up and written late does not replace it', async () => {
    const world = await createAccountWorld(t);
    const newer = { internal: 4, external: 2, anonymous: 1, inactive: 3 };
    await insertEnvironmentUsage(world, world.environmentId, newer, '2026-01-02T00:00:00Z');
    await insertEnvironmentUsage(
      world,
      world.environmentId,
      { internal: 1, external: 1, anonymous: 1, inactive: 1 },
      { dataAsOf: '2026-01-01T23:59:59Z', computedAt: '2026-01-02T00:10:00Z' },
    );
    const body = expectStatus(await get(`/environments/${world.environmentId}/usage`, world.keys.billing), 200).body;
    expect(body).toMatchObject({ ...newer, named: 6, computedAt: '2026-01-02T00:00:00.000Z' });
    const listed = expectStatus(await get(`/accounts/${world.accountId}/usage/environments`, world.keys.billing), 200)
      .body.items;
    expect(listed.find((item: { environmentId: string }) => item.environmentId === world.environmentId)).toEqual({
      ...body,
      name: 'Production',
    });
  });
});

describe('GET /accounts/:id/usage/environments', () => {
  it('lists every environment with its latest count, production first, to billing too', async () => {
    const world = await createAccountWorld(t);
    await insertEnvironmentUsage(
      world,
      world.environmentId,
      { internal: 1, external: 1, anonymous: 1, inactive: 1 },
      '2026-01-01T00:00:00Z',
    );
    await insertEnvironmentUsage(
      world,
      world.environmentId,
      { internal: 5, external: 2, anonymous: 0, inactive: 4 },
      '2026-01-03T00:00:00Z',
    );
    const body = expectStatus(
      await get(`/accounts/${world.accountId}/usage/environments`, world.tokens.billing),
      200,
    ).body;
    expect(body.items).toEqual([
      {
        environmentId: world.environmentId,
        name: 'Production',
        kind: 'production',
        internal: 5,
        external: 2,
        named: 7,
        anonymous: 0,
        inactive: 4,
        computedAt: '2026-01-03T00:00:00.000Z',
      },
      {
        environmentId: world.otherEnvironmentId,
        name: 'Staging',
        kind: 'non-production',
        internal: null,
        external: null,
        named: null,
        anonymous: null,
        inactive: null,
        computedAt: null,
      },
    ]);
  });

  it('is 404 for another account and 403 for a tenant-admin', async () => {
    const other = await createAccountWorld(t);
    expect((await get(`/accounts/${other.accountId}/usage/environments`, w.tokens.billing)).status).toBe(404);
    expect((await get(`/accounts/${w.accountId}/usage/environments`, w.tokens['tenant-admin'])).status).toBe(403);
  });
});

describe('GET /accounts/:id/usage', () => {
  it('answers the subscription’s terms and null counts before the first count', async () => {
    const created = expectStatus(
      await t.request('POST', '/accounts', {
        token: t.adminToken,
        body: { name: unique('named'), subscription: { model: 'named', namedLimit: 50, aggregation: 'unique' } },
      }),
      201,
    ).body;
    const body = expectStatus(await get(`/accounts/${created.id}/usage`, t.adminToken), 200).body;
    expect(body).toEqual({
      accountId: created.id,
      model: 'named',
      aggregation: 'unique',
      internal: null,
      external: null,
      named: null,
      limits: { internal: null, external: null, named: 50 },
      status: { internal: null, external: null, named: null },
      environments: [],
      computedAt: null,
    });
  });

  it('serves the latest snapshot, naming its environments', async () => {
    const world = await createAccountWorld(t);
    await insertAccountUsage(world, { internal: 1, external: 1 }, '2026-02-01T00:00:00Z');
    await insertAccountUsage(world, { internal: 30, external: 9 }, '2026-02-02T00:00:00Z', [
      { environmentId: world.environmentId, internal: 30, external: 9, named: 39, anonymous: 2, inactive: 1 },
    ]);
    const body = expectStatus(await get(`/accounts/${world.accountId}/usage`, world.tokens.billing), 200).body;
    expect(body).toEqual({
      accountId: world.accountId,
      model: 'internal-external',
      aggregation: 'sum',
      internal: 30,
      external: 9,
      named: 39,
      limits: { internal: 100, external: 10, named: null },
      status: { internal: 'ok', external: 'warning', named: null },
      environments: [{ environmentId: world.environmentId, name: 'Production', internal: 30, external: 9, named: 39 }],
      computedAt: '2026-02-02T00:00:00.000Z',
    });
  });

  it('serves the newest data, and answers its read time as computedAt; the usage gauges read the same', async () => {
    const world = await createAccountWorld(t);
    await insertAccountUsage(world, { internal: 15, external: 0 }, '2026-02-02T00:00:00Z');
    // A flow parent that finished later from counts read earlier (issue 14: 10 served against a true 15).
    await insertAccountUsage(
      world,
      { internal: 10, external: 0 },
      { dataAsOf: '2026-02-01T23:59:00Z', computedAt: '2026-02-02T00:05:00Z' },
    );
    const body = expectStatus(await get(`/accounts/${world.accountId}/usage`, world.tokens.billing), 200).body;
    expect(body).toMatchObject({ internal: 15, named: 15, computedAt: '2026-02-02T00:00:00.000Z' });
    const gauges = (await latestAccountTotals(t.app.get(DataSource))).find((row) => row.account_id === world.accountId);
    expect(gauges).toMatchObject({ internal: 15, external: 0, named: 15 });
  });
});

describe('GET /accounts/:id/usage/history', () => {
  let world: AccountWorld;
  beforeAll(async () => {
    world = await createAccountWorld(t);
    const snapshots: [string, number, number][] = [
      ['2026-03-01T10:05:00Z', 5, 4],
      ['2026-03-01T10:40:00Z', 8, 1],
      ['2026-03-01T11:10:00Z', 3, 2],
      ['2026-03-02T09:00:00Z', 2, 7],
      ['2026-03-05T00:00:00Z', 99, 99], // outside every range asked below
    ];
    for (const [at, internal, external] of snapshots) await insertAccountUsage(world, { internal, external }, at);
  });
  const history = (query: string) => get(`/accounts/${world.accountId}/usage/history?${query}`, world.keys.billing);

  it('answers the peak of each hour that has snapshots, oldest first', async () => {
    const body = expectStatus(
      await history('from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z&granularity=hour'),
      200,
    ).body;
    expect(body.items).toEqual([
      { at: '2026-03-01T10:00:00.000Z', internal: 8, external: 4, named: 9 },
      { at: '2026-03-01T11:00:00.000Z', internal: 3, external: 2, named: 5 },
      { at: '2026-03-02T09:00:00.000Z', internal: 2, external: 7, named: 9 },
    ]);
  });

  it('answers the peak of each day', async () => {
    const body = expectStatus(
      await history('from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z&granularity=day'),
      200,
    ).body;
    expect(body.items).toEqual([
      { at: '2026-03-01T00:00:00.000Z', internal: 8, external: 4, named: 9 },
      { at: '2026-03-02T00:00:00.000Z', internal: 2, external: 7, named: 9 },
    ]);
  });

  it('places each snapshot in the bucket of its data time, the computedAt served for it', async () => {
    const late = await createAccountWorld(t);
    await insertAccountUsage(
      late,
      { internal: 6, external: 1 },
      { dataAsOf: '2026-03-01T09:59:59Z', computedAt: '2026-03-01T10:00:05Z' },
    );
    const body = expectStatus(
      await get(
        `/accounts/${late.accountId}/usage/history?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z&granularity=hour`,
        late.keys.billing,
      ),
      200,
    ).body;
    expect(body.items).toEqual([{ at: '2026-03-01T09:00:00.000Z', internal: 6, external: 1, named: 7 }]);
  });

  it('covers the last 30 days by the day by default', async () => {
    await insertAccountUsage(world, { internal: 11, external: 0 }, new Date(Date.now() - 3_600_000).toISOString());
    const body = expectStatus(await history(''), 200).body;
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ internal: 11, external: 0, named: 11 });
  });

  it.each([
    ['from after to', 'from=2026-03-03T00:00:00Z&to=2026-03-01T00:00:00Z', 'from'],
    ['from equal to to', 'from=2026-03-01T00:00:00Z&to=2026-03-01T00:00:00Z', 'from'],
    ['more than 31 days by the hour', 'from=2026-01-01T00:00:00Z&to=2026-02-02T00:00:01Z&granularity=hour', 'from'],
    ['more than 366 days by the day', 'from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z', 'from'],
    ['an unknown granularity', 'granularity=week', 'granularity'],
    ['a date that is no date', 'from=yesterday', 'from'],
    ['an unknown field', 'limit=5', 'limit'],
  ])('answers 400 for %s', async (_, query, field) => {
    const response = expectStatus(await history(query), 400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });
});

describe('POST /accounts/:id/usage/recount and GET /jobs/:id', () => {
  it('queues a recount request whose job the account’s readers can follow', async () => {
    const response = expectStatus(
      await t.request('POST', `/accounts/${w.accountId}/usage/recount`, { token: w.tokens.admin }),
      202,
    );
    const { jobId } = response.body;
    expect(typeof jobId).toBe('string');

    // No worker runs in API tests: the request waits for the worker, which alone builds the flow (one entrance;
    // usage-flow.e2e.test.ts follows the same id through the flow to its totals).
    for (const token of [w.tokens.admin, w.keys.billing, w.tokens.owner, t.adminToken]) {
      const job = expectStatus(await get(`/jobs/${jobId}`, token), 200).body;
      expect(job).toEqual({
        id: jobId,
        name: 'usage.request-recount',
        state: 'waiting',
        progress: 0,
        result: null,
        failedReason: null,
      });
    }
    const request = await usageQueue.getJob(jobId);
    expect(request?.data).toEqual({ accountId: w.accountId });
    expect(await usageQueue.getJobs(['waiting-children'])).toEqual([]);
  });

  it('hides a job from another account (404), and answers 404 for an unknown one', async () => {
    const { jobId } = expectStatus(
      await t.request('POST', `/accounts/${w.accountId}/usage/recount`, { token: w.keys.owner }),
      202,
    ).body;
    const stranger = await createAccountWorld(t);
    for (const token of [stranger.tokens.owner, stranger.keys.admin, stranger.tokens.billing]) {
      expect((await get(`/jobs/${jobId}`, token)).status).toBe(404);
    }
    expect((await get(`/jobs/${randomUUID()}`, w.tokens.owner)).status).toBe(404);
    expect((await get(`/jobs/nope`, w.tokens.owner)).status).toBe(404);
  });

  it('answers 503 when the queue is unavailable', async () => {
    const down = new Queues({ ...t.config, redisUrl: 'redis://127.0.0.1:1' });
    try {
      const usage = new UsageService(new UsageRecounts(down), t.app.get(Work));
      await expect(usage.recount(w.accountId)).rejects.toMatchObject({ status: 503 });
    } finally {
      await down.onApplicationShutdown();
    }
  });
});

describe('debounced recounts after changes (DESIGN.md §6)', () => {
  it('gathers a burst of user changes into one pending recount per account', async () => {
    const world = await createAccountWorld(t);
    const bystander = await createAccountWorld(t);
    // Each creation asked for its account's first recount (a worker would have taken it by now).
    for (const accountId of [world.accountId, bystander.accountId]) {
      expect(await pendingRecountRequests(usageQueue, accountId)).toHaveLength(1);
      await takeRecountRequests(usageQueue, accountId);
    }
    expect(await pendingRecountRequests(usageQueue, world.accountId)).toHaveLength(0);

    for (let i = 0; i < 5; i += 1) {
      expectStatus(
        await t.request('POST', `/tenants/${world.tenantId}/users`, {
          token: world.tokens.admin,
          body: { username: unique('burst'), email: `p${i}@client.example` },
        }),
        201,
      );
    }
    const pending = await pendingRecountRequests(usageQueue, world.accountId);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.data).toEqual({ accountId: world.accountId });
    expect(await pending[0]!.getState()).toBe('delayed');
    expect(await pendingRecountRequests(usageQueue, bystander.accountId)).toHaveLength(0);

    // A change in another account asks for that account's own recount.
    expectStatus(
      await t.request('PUT', `/tenants/${bystander.tenantId}/internal-domains`, {
        token: bystander.tokens.owner,
        body: { domains: ['client.example'] },
      }),
      200,
    );
    expect(await pendingRecountRequests(usageQueue, bystander.accountId)).toHaveLength(1);
    expect(await pendingRecountRequests(usageQueue, world.accountId)).toHaveLength(1);
  });

  it('does not ask for a recount after a change the count does not read', async () => {
    const world = await createAccountWorld(t);
    const user = expectStatus(
      await t.request('POST', `/tenants/${world.tenantId}/users`, {
        token: world.tokens.admin,
        body: { username: unique('quiet') },
      }),
      201,
    ).body;
    await takeRecountRequests(usageQueue, world.accountId);

    expectStatus(
      await t.request('PATCH', `/tenants/${world.tenantId}/users/${user.id}`, {
        token: world.tokens.admin,
        body: { name: 'Only A Name' },
      }),
      200,
    );
    expectStatus(
      await t.request('PATCH', `/environments/${world.environmentId}`, {
        token: world.tokens.admin,
        body: { name: 'Renamed' },
      }),
      200,
    );
    expect(await pendingRecountRequests(usageQueue, world.accountId)).toHaveLength(0);

    expectStatus(
      await t.request('POST', `/tenants/${world.tenantId}/users/bulk`, {
        token: world.tokens.admin,
        body: { action: 'deactivate', userIds: [user.id] },
      }),
      200,
    );
    expect(await pendingRecountRequests(usageQueue, world.accountId)).toHaveLength(1);
  });

  it('asks for a recount when an account is created or deleted, and never makes a scheduler itself', async () => {
    const account = expectStatus(
      await t.request('POST', '/accounts', {
        token: t.adminToken,
        body: { name: unique('scheduled'), subscription: { model: 'internal-external' } },
      }),
      201,
    ).body;
    // The worker creates the account's scheduler when it handles this request (its tests show it).
    expect(await pendingRecountRequests(usageQueue, account.id)).toHaveLength(1);
    expect(await usageQueue.getJobScheduler(usageSchedulerId(account.id))).toBeUndefined();
    await takeRecountRequests(usageQueue, account.id);

    expectStatus(await t.request('DELETE', `/accounts/${account.id}`, { token: t.adminToken }), 204);
    expect(await pendingRecountRequests(usageQueue, account.id)).toHaveLength(1);
  });

  it('sends one request per window, not one per change, and a window’s changes wait on its request', async () => {
    const world = await createAccountWorld(t);
    await takeRecountRequests(usageQueue, world.accountId);
    const queues = t.app.get(Queues);
    const add = vi.spyOn(queues.get('usage'), 'add');
    try {
      const recounts = t.app.get(UsageRecounts);
      // A burst from one process: the first request goes to Redis, the others join it.
      await Promise.all([1, 2, 3, 4].map(() => recounts.requestSoon(world.accountId)));
      await recounts.requestSoon(world.accountId);
      expect(add).toHaveBeenCalledTimes(1);
      expect(await pendingRecountRequests(usageQueue, world.accountId)).toHaveLength(1);
      // The window is half the time between the deduplication window closing and the job running.
      const { opts } = debouncedRecountRequest(world.accountId);
      expect(coalesceWithinMs(opts)).toBe((opts.delay - opts.deduplication.ttl) / 2);
      expect(coalesceWithinMs(opts)).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, coalesceWithinMs(opts)));
      await recounts.requestSoon(world.accountId);
      expect(add).toHaveBeenCalledTimes(2);
    } finally {
      add.mockRestore();
    }
  });

  it('does not let a change wait on a failed request: each fails, and the next asks again', async () => {
    const down = new Queues({ ...t.config, redisUrl: 'redis://127.0.0.1:1' });
    try {
      const recounts = new UsageRecounts(down);
      const results = await Promise.allSettled([recounts.requestSoon(w.accountId), recounts.requestSoon(w.accountId)]);
      expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
      await expect(recounts.requestSoon(w.accountId)).rejects.toThrow('Redis is not connected');
    } finally {
      await down.onApplicationShutdown();
    }
  });

  it('fails when Redis is unavailable (after its timeout), for the dispatcher to leave the change to the relay', async () => {
    const down = new Queues({ ...t.config, redisUrl: 'redis://127.0.0.1:1' });
    try {
      const recounts = new UsageRecounts(down);
      await expect(recounts.requestSoon(w.accountId)).rejects.toThrow();
    } finally {
      await down.onApplicationShutdown();
    }
  });

  it('is what the app wires into the services', () => {
    expect(t.app.get(UsageRecounts)).toBeInstanceOf(UsageRecounts);
  });
});
