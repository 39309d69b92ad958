/**
 * DESIGN.md §7, scale-out: two built API processes and two built worker processes on one database and one
 * Redis prefix, as N replicas behind a load balancer run. Every other test runs one of each; this one shows
 * what only several show: a change through one API is seen at once through the other, parallel recount
 * requests give one snapshot per run, each scheduler exists and fires once, login failures are counted
 * across APIs, and a worker killed mid-flow loses nothing.
 *
 * Runs the built API and worker (dist/main.js): `pnpm build` first (the root `pnpm test` does).
 */
import { hostname } from 'node:os';
import { JOBS, QUEUE_NAMES, type QueueName, usageSchedulerId } from '@roster/domain';
import {
  assertBuildIsFresh,
  type ChildWorker,
  STATIC_SCHEDULES,
  startChildWorker,
  until,
} from '@roster/worker/testing';
import { type Job, Queue } from 'bullmq';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltApi, type HttpClient, httpClient, startBuiltApi } from './built-api.js';
import { ADMIN, expectStatus, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

/**
 * The workers' JOB_LOCK_DURATION: a killed worker's jobs are taken over one to two of these after the kill
 * (30 s by default). Renewed every 1.5 s, it still outlasts any pause of a loaded test machine's event loop.
 */
const JOB_LOCK_MS = 3_000;
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let apiA: BuiltApi | undefined;
let apiB: BuiltApi | undefined;
let a: HttpClient;
let b: HttpClient;
const workers: ChildWorker[] = [];
let db: pg.Pool;
const queues = new Map<QueueName, Queue>();
/** For the caches' and the logins' cases. */
let w: AccountWorld;
/** For the recounts' cases: an account whose every user is known, so each snapshot's counts are too. */
let counted: AccountWorld;
let stagingTenantId: string;

const usage = () => queues.get('usage')!;
const workerName = (worker: ChildWorker) => `${hostname()}:${worker.child.pid}`;

beforeAll(async () => {
  assertBuildIsFresh();
  // One replica migrates and creates the platform admin; the second starts on the same database and prefix.
  apiA = await startBuiltApi({ LOG_LEVEL: 'warn' });
  apiB = await startBuiltApi({ LOG_LEVEL: 'warn' }, { databaseUrl: apiA.databaseUrl });
  expect(apiB.queuePrefix).toBe(apiA.queuePrefix);
  a = httpClient(apiA);
  b = httpClient(apiB);
  db = new pg.Pool({ connectionString: apiA.databaseUrl, max: 2 });
  for (const name of QUEUE_NAMES) {
    queues.set(name, new Queue(name, { connection: { url: REDIS_URL }, prefix: apiA.queuePrefix }));
  }

  const adminToken = await a.login(ADMIN.username, ADMIN.password);
  [w, counted] = await Promise.all([
    createAccountWorld({ ...a, adminToken }),
    createAccountWorld({ ...b, adminToken }),
  ]);
  stagingTenantId = expectStatus(
    await b.request('GET', `/environments/${counted.otherEnvironmentId}/tenants`, { token: counted.tokens.admin }),
    200,
  ).body.items[0].id;
  // Written through both replicas. Production knows acme.com; staging has no domains, so its people are internal.
  const create = (api: HttpClient, tenantId: string, body: Record<string, unknown>) =>
    api.request('POST', `/tenants/${tenantId}/users`, { token: counted.tokens.admin, body });
  const created = await Promise.all([
    a.request('PUT', `/environments/${counted.environmentId}/internal-domains`, {
      token: counted.tokens.admin,
      body: { domains: ['acme.com'] },
    }),
    create(a, counted.tenantId, { username: 'alice', email: 'alice@acme.com' }),
    create(b, counted.tenantId, { username: 'bob', email: 'bob@gmail.com' }),
    create(a, counted.tenantId, { username: 'carol' }),
    create(b, counted.tenantId, { username: 'dave', email: 'dave@acme.com', isActive: false }),
    create(a, counted.tenantId, { kind: 'anonymous' }),
    create(b, counted.otherTenantId, { username: 'erin', email: 'erin@client.io' }),
    create(a, stagingTenantId, { username: 'sam', email: 'sam@acme.com' }),
    create(b, stagingTenantId, { kind: 'anonymous' }),
  ]);
  for (const [i, response] of created.entries()) expectStatus(response, i === 0 ? 200 : 201);

  // The accounts exist before the workers start: each worker's start upserts their schedulers (and the static
  // ones) at the same moment as the other's, which the schedulers' case checks.
  const config = { databaseUrl: apiA.databaseUrl, redisUrl: REDIS_URL, queuePrefix: apiA.queuePrefix };
  const env = { JOB_LOCK_DURATION: `${JOB_LOCK_MS}ms`, USAGE_RECOUNT_EVERY: '1h' };
  workers.push(
    ...(await Promise.all([startChildWorker(config, usage(), env), startChildWorker(config, usage(), env)])),
  );
}, 90_000);

afterAll(async () => {
  for (const worker of workers) {
    if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    await worker.exited;
  }
  await db?.end(); // before the database is dropped (which ends its connections)
  await apiB?.cleanup(); // on A's database: A's cleanup drops it
  await apiA?.cleanup();
  // The schedulers (one fires every 10 s) and jobs under this file's prefix.
  for (const queue of queues.values()) {
    await queue.obliterate({ force: true });
    await queue.close();
  }
});

describe('a change made through one API replica', () => {
  const roleOf = (api: HttpClient, userId: string, roleKey: string) => async () =>
    expectStatus(
      await api.request('GET', `/tenants/${w.tenantId}/users/${userId}/check-role/${roleKey}`, { token: w.keys.admin }),
      200,
    ).body.granted as boolean;
  const write = async (api: HttpClient, method: string, url: string, status: number, body?: unknown) =>
    expectStatus(await api.request(method, url, { token: w.tokens.admin, body }), status).body;

  it('is seen through the other at once: role grants, deactivation, declared roles, API keys', async () => {
    const roles = (keys: string[]) => ({ name: 'CRM', roles: keys.map((key) => ({ key, name: key })) });
    await write(a, 'PUT', `/environments/${w.environmentId}/applications/crm`, 201, roles(['crm.read', 'crm.write']));
    const user = await write(b, 'POST', `/tenants/${w.tenantId}/users`, 201, { username: unique('replica') });
    const userUrl = `/tenants/${w.tenantId}/users/${user.id}`;
    const onA = roleOf(a, user.id, 'crm.read');
    const onB = roleOf(b, user.id, 'crm.read');
    // Each replica caches the user's role state with its first check; no read below polls.
    expect([await onA(), await onB()]).toEqual([false, false]);

    await write(a, 'PUT', `${userUrl}/roles/crm.read`, 204);
    expect([await onB(), await onA()]).toEqual([true, true]);
    await write(b, 'DELETE', `${userUrl}/roles/crm.read`, 204);
    expect([await onA(), await onB()]).toEqual([false, false]);

    await write(a, 'PUT', `${userUrl}/roles/crm.read`, 204);
    expect(await onB()).toBe(true);
    await write(b, 'POST', `${userUrl}/deactivate`, 200);
    expect(await onA()).toBe(false);
    await write(a, 'POST', `${userUrl}/activate`, 200);
    expect(await onB()).toBe(true);

    // The environment's role catalog is cached apart from the user's grants.
    await write(b, 'PUT', `/environments/${w.environmentId}/applications/crm`, 200, roles(['crm.write']));
    expect(await onA()).toBe(false);

    // Who an API key is, cached by each replica on its first use, is forgotten by both when it is deleted.
    const key = expectStatus(
      await a.request('POST', `/accounts/${w.accountId}/api-keys`, {
        token: w.tokens.owner, // only an owner manages API keys
        body: { name: unique('k'), role: 'admin' },
      }),
      201,
    ).body;
    expect((await a.request('GET', '/me', { token: key.key })).status).toBe(200);
    expect((await b.request('GET', '/me', { token: key.key })).status).toBe(200);
    expectStatus(await b.request('DELETE', `/api-keys/${key.id}`, { token: w.tokens.owner }), 204);
    expect((await a.request('GET', '/me', { token: key.key })).status).toBe(401);
    expect((await b.request('GET', '/me', { token: key.key })).status).toBe(401);
  });
});

describe('failed end-user logins', () => {
  it('are counted across replicas: three failures alternated between them block the pair on both', async () => {
    const password = 'end-user passphrase';
    const user = expectStatus(
      await a.request('POST', `/tenants/${w.tenantId}/users`, {
        token: w.tokens.admin,
        body: { username: unique('guarded'), password },
      }),
      201,
    ).body;
    const login = (api: HttpClient, attempt: string) =>
      api.request('POST', `/tenants/${w.tenantId}/auth/login`, {
        body: { username: user.username, password: attempt },
      });
    // Three failures of the (username, address) pair block it for 30 s (PAIR_BLOCK_STEPS). Counted per process,
    // A would have seen two and B one, and both would let the right password in.
    for (const api of [a, b, a]) expect((await login(api, 'not the passphrase')).status).toBe(401);
    const [onB, onA] = [await login(b, password), await login(a, password)];
    expect([onB.status, onA.status]).toEqual([429, 429]);
    expect(onB.headers['retry-after']).toMatch(/^\d+$/);
  });
});

/** What a recount of the `counted` account must store, worked out by hand from §3's rules. */
const EXPECTED = {
  // alice, carol internal; bob (gmail.com), erin (client.io) external; dave inactive; one anonymous.
  production: { internal: 2, external: 2, named: 4, anonymous: 1, inactive: 1 },
  staging: { internal: 1, external: 0, named: 1, anonymous: 1, inactive: 0 },
  tenantOne: { internal: 2, external: 1, named: 3, anonymous: 1, inactive: 1 },
  tenantTwo: { internal: 0, external: 1, named: 1, anonymous: 0, inactive: 0 },
  stagingTenant: { internal: 1, external: 0, named: 1, anonymous: 1, inactive: 0 },
  account: { internal: 2, external: 2, named: 4 },
};

const COUNTS = 'internal, external, named, anonymous, inactive';

/** Every snapshot row one run stored, by environment and account (several rows for one would show as an array). */
async function snapshotsOfRun(runId: string) {
  const environments = await db.query(
    `SELECT environment_id AS id, ${COUNTS} FROM environment_usage WHERE run_id = $1 ORDER BY environment_id`,
    [runId],
  );
  const accounts = await db.query(`SELECT internal, external, named FROM account_usage WHERE run_id = $1`, [runId]);
  return { environments: environments.rows, accounts: accounts.rows };
}

const byId = (rows: { id: string }[]) => [...rows].sort((x, y) => x.id.localeCompare(y.id));

/** One row per environment with the expected counts; the account's row unless another run stored newer data. */
function expectOneExactSnapshot(
  snapshots: Awaited<ReturnType<typeof snapshotsOfRun>>,
  result: { skipped: boolean; reason?: string },
) {
  expect(snapshots.environments).toEqual(
    byId([
      { id: counted.environmentId, ...EXPECTED.production },
      { id: counted.otherEnvironmentId, ...EXPECTED.staging },
    ]),
  );
  // A run whose data is older than a snapshot stored already is not stored (its result says so): several runs
  // of one account at once may finish in any order. Never twice, never a wrong total.
  if (result.skipped) {
    expect(result.reason).toBe('superseded');
    expect(snapshots.accounts).toEqual([]);
  } else {
    expect(snapshots.accounts).toEqual([EXPECTED.account]);
  }
}

/**
 * A tenant's usage is a series of its changes (tenant_usage gets a row only when a run finds other counts than the
 * ones in force). Nothing changed since the workers started, so however many runs counted, each tenant has one row
 * in its series, and one head, both exact.
 */
async function expectTenantSeriesOfOneRow() {
  const expected = byId([
    { id: counted.tenantId, ...EXPECTED.tenantOne },
    { id: counted.otherTenantId, ...EXPECTED.tenantTwo },
    { id: stagingTenantId, ...EXPECTED.stagingTenant },
  ]);
  for (const table of ['tenant_usage', 'tenant_usage_latest']) {
    const { rows } = await db.query(
      `SELECT tenant_id AS id, ${COUNTS} FROM ${table} WHERE account_id = $1 ORDER BY tenant_id`,
      [counted.accountId],
    );
    expect(rows, table).toEqual(expected);
  }
}

/** Follows a recount request (GET /jobs/:id, through `api`) to its finished run; answers the run's result. */
async function finishedRun(api: HttpClient, jobId: string, timeoutMs?: number) {
  return until(
    `recount ${jobId} finished`,
    async () => {
      const job = expectStatus(await api.request('GET', `/jobs/${jobId}`, { token: counted.tokens.billing }), 200).body;
      if (job.state === 'failed') throw new Error(`recount ${jobId} failed: ${job.failedReason}`);
      return job.name === 'usage.recount-account' && job.state === 'completed' ? job.result : undefined;
    },
    timeoutMs,
  );
}

describe('recount requests sent to both replicas at once', () => {
  it('each start one run, and each run stores exactly one exact snapshot per environment and tenant', async () => {
    const request = (api: HttpClient) =>
      api.request('POST', `/accounts/${counted.accountId}/usage/recount`, { token: counted.tokens.admin });
    const requested = await Promise.all([request(a), request(b), request(a), request(b)]);
    const jobIds = requested.map((response) => expectStatus(response, 202).body.jobId as string);
    // Each followed through the replica that did not queue it, and run by whichever worker took it.
    const results = await Promise.all(jobIds.map((id, i) => finishedRun(i % 2 === 0 ? b : a, id)));
    const runIds = results.map((result) => result.runId as string);
    expect(new Set(runIds).size).toBe(4);
    for (const [i, runId] of runIds.entries()) expectOneExactSnapshot(await snapshotsOfRun(runId), results[i]);
    await expectTenantSeriesOfOneRow();
    expect(results.some((result) => !result.skipped)).toBe(true);

    const served = expectStatus(
      await b.request('GET', `/accounts/${counted.accountId}/usage`, { token: counted.tokens.billing }),
      200,
    ).body;
    expect(served).toMatchObject(EXPECTED.account);
  });
});

/**
 * Where a job can be, read in the reverse of the order a job moves through them: one that moves while they are
 * read is missed (a larger gap between ticks), never seen twice.
 */
const TICK_STATES = ['completed', 'failed', 'active', 'waiting', 'prioritized', 'delayed'] as const;

/** A scheduler's jobs (one a tick: `repeat:<scheduler>:<tick's epoch ms>`) in every state, by tick. */
async function ticksOf(queue: Queue, schedulerKey: string) {
  const prefix = `repeat:${schedulerKey}:`;
  const ticks: { at: number; state: (typeof TICK_STATES)[number]; job: Job }[] = [];
  for (const state of TICK_STATES) {
    for (const job of await queue.getJobs([state], 0, -1)) {
      if (job.id?.startsWith(prefix)) ticks.push({ at: Number(job.id.slice(prefix.length)), state, job });
    }
  }
  return ticks.sort((x, y) => x.at - y.at);
}

describe('job schedulers with two workers', () => {
  it('exist once each, and each tick fires once', async () => {
    const expected: { queue: QueueName; key: string; every: number }[] = STATIC_SCHEDULES.map(({ job, everyMs }) => ({
      queue: JOBS[job].queue,
      key: job,
      every: everyMs,
    }));
    for (const accountId of [w.accountId, counted.accountId]) {
      expected.push({ queue: 'usage', key: usageSchedulerId(accountId), every: 3_600_000 });
    }
    const found: typeof expected = [];
    for (const [name, queue] of queues) {
      for (const { key, every } of await queue.getJobSchedulers(0, -1)) found.push({ queue: name, key, every: every! });
    }
    const order = (list: typeof expected) =>
      [...list].sort((x, y) => `${x.queue}/${x.key}`.localeCompare(`${y.queue}/${y.key}`));
    expect(order(found)).toEqual(order(expected));

    // The relay fires every 10 s: wait for its second tick with both workers up (its first came at their start).
    const relay = queues.get(JOBS['changes.relay'].queue)!;
    await until(
      "changes.relay's second tick to run",
      async () =>
        (await ticksOf(relay, 'changes.relay')).filter((tick) => tick.state === 'completed').length >= 2
          ? true
          : undefined,
      15_000,
    );
    for (const { queue, key, every } of expected) {
      const ticks = await ticksOf(queues.get(queue)!, key);
      // Fired twice, a tick would show as two jobs less than a period apart (each job's id is its tick).
      const gaps = ticks.slice(1).map((tick, i) => tick.at - ticks[i]!.at);
      expect(
        gaps.filter((gap) => gap < every),
        key,
      ).toEqual([]);
      // Exactly one tick ahead: two workers that started together did not each queue one.
      expect(ticks.filter((tick) => tick.state !== 'completed' && tick.state !== 'active').length, key).toBe(1);
      // Each tick that ran was run once (a second run would be a stall or a retry).
      for (const { job } of ticks.filter((tick) => tick.state === 'completed')) expect(job.attemptsMade, key).toBe(1);
    }
  });
});

describe('a worker killed in the middle of a recount flow', () => {
  it('leaves the run to the other worker, which completes it exactly once', async () => {
    // Nothing else of the account's in flight (the debounced recounts of its set-up), so the run's children are
    // the only jobs the lock below holds up, and both workers have free slots for them.
    await until('the usage queue to be idle', async () => {
      const busy = await usage().getJobs(['active', 'waiting', 'prioritized', 'waiting-children'], 0, -1);
      const delayed = (await usage().getJobs(['delayed'], 0, -1)).filter((job) => !job.id?.startsWith('repeat:'));
      return busy.length + delayed.length === 0 ? true : undefined;
    });

    // Every environment count reads end_users: while this transaction holds the table, the run's children
    // block inside their workers, so they are reliably active (locked by a live worker) when one is killed.
    const lock = await db.connect();
    let jobId: string;
    let heldByKilled: Job[];
    let survivor: ChildWorker;
    try {
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE end_users IN ACCESS EXCLUSIVE MODE');
      jobId = expectStatus(
        await a.request('POST', `/accounts/${counted.accountId}/usage/recount`, { token: counted.tokens.admin }),
        202,
      ).body.jobId;
      const runId = await until('the request to start its run', async () => {
        const request = await usage().getJob(jobId);
        return (request?.returnvalue as { flowJobId?: string } | undefined)?.flowJobId;
      });
      // Both children active (each worker takes two usage jobs at once), so no child waits to be taken.
      const active = await until('both children of the run to be active', async () => {
        const children = (await usage().getActive()).filter((job) => job.parent?.id === runId);
        return children.length === 2 ? children : undefined;
      });
      // Job.processedBy names the worker process holding it; the children may be split between the two.
      const victim = workers.find((worker) => active.some((job) => job.processedBy === workerName(worker)));
      if (!victim) throw new Error(`No worker of ours holds the run: ${active.map((job) => job.processedBy)}`);
      survivor = workers.find((worker) => worker !== victim)!;
      heldByKilled = active.filter((job) => job.processedBy === workerName(victim));
      victim.child.kill('SIGKILL');
      expect((await victim.exited).signal).toBe('SIGKILL');
      // Killed in the middle: nothing of the run is stored yet.
      expect(await snapshotsOfRun(runId)).toEqual({ environments: [], accounts: [] });
    } finally {
      await lock.query('COMMIT');
      lock.release();
    }

    // Taken over after the dead worker's lock expired (JOB_LOCK_MS) and a stalled check of the survivor ran.
    const result = await finishedRun(b, jobId, 40_000);
    for (const held of heldByKilled) {
      const job = (await usage().getJob(held.id!))!;
      expect(await job.getState()).toBe('completed');
      expect(job.stalledCounter).toBe(1); // recovered as stalled, not failed and retried
      expect(job.processedBy).toBe(workerName(survivor!));
    }
    expectOneExactSnapshot(await snapshotsOfRun(result.runId), result);
    await expectTenantSeriesOfOneRow();
    const served = expectStatus(
      await b.request('GET', `/accounts/${counted.accountId}/usage`, { token: counted.tokens.billing }),
      200,
    ).body;
    expect(served).toMatchObject(EXPECTED.account);
  }, 60_000); // an idle queue (up to 15 s) and the takeover (seconds; 40 s at most)
});
