import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import {
  accountTotals,
  countClasses,
  debouncedRecountRequest,
  type RecountCost,
  usageDebounceId,
  evaluateLimits,
  licenseIdentity,
  type EnvironmentCounts,
  type LicensedRecord,
  type Subscription,
  usageRecountFlow,
  usageSchedulerId,
} from '@roster/domain';
import { latestAccountSnapshot, latestAccountTotals } from '@roster/db';
import { FlowProducer, Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerConfig } from '../src/config/config.js';
import type {
  AccountRecountResult,
  EnvironmentRecountResult,
  RecountRequestResult,
} from '../src/usage/usage-recount.handler.js';
import { createWorkerContext } from '../src/worker.factory.js';
import { createTestEnv, type TestEnv } from './harness.js';
import { ANONYMOUS, classify, type EnvironmentFixture, seedAccount, user } from './usage-fixtures.js';

/**
 * DESIGN.md §6 against real Redis and PostgreSQL: the recount flow writes one environment snapshot per
 * environment and one account snapshot per run, equal to the pure rules of @roster/domain.
 */

const WAIT_MS = 20_000;

/** Polls `done` every 50 ms until it holds; fails after WAIT_MS saying what it waited for. */
async function waitFor(what: string, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Waited ${WAIT_MS} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Two production environments sharing people (so sum ≠ unique: x@acme.com is in both, n@nowhere.net is
 * external in alpha but internal in beta, where nothing is configured) and a non-production one full of
 * external users that must never reach the totals.
 */
const ENVIRONMENTS: EnvironmentFixture[] = [
  {
    name: 'beta',
    kind: 'production',
    domains: [],
    tenants: [{ domains: [], users: [user('x@acme.com', 'x'), user('n@nowhere.net', 'n'), ANONYMOUS] }],
  },
  {
    name: 'alpha',
    kind: 'production',
    domains: ['acme.com'],
    tenants: [
      {
        domains: ['globex.example'],
        users: [
          user('x@acme.com', 'x'),
          user('z@globex.example', 'z'),
          user(null, 'alice'),
          user('n@nowhere.net', 'n'),
          user('m@other.net', 'm'),
          user('q@other.org', 'q', false),
          ANONYMOUS,
        ],
      },
      { domains: [], users: [user('w@else.where', 'w')] },
    ],
  },
  {
    name: 'staging',
    kind: 'non-production',
    domains: ['acme.com'],
    tenants: [{ domains: [], users: [user('e1@x.org', 'e1'), user('e2@x.org', 'e2'), user('e3@x.org', 'e3')] }],
  },
];

/** What the rules say one environment counts. */
function expectedEnvironment(environment: EnvironmentFixture): EnvironmentCounts {
  return countClasses(environment.tenants.flatMap((t) => t.users.map((u) => classify(environment, t, u))));
}

/** What the rules say the account totals are: production environments only. */
function expectedTotals(aggregation: Subscription['aggregation'], environments: EnvironmentFixture[]) {
  const records: LicensedRecord[] = [];
  for (const environment of environments.filter((e) => e.kind === 'production')) {
    for (const tenant of environment.tenants) {
      for (const u of tenant.users) {
        const usageClass = classify(environment, tenant, u);
        if (usageClass === 'internal' || usageClass === 'external') {
          records.push({ identity: licenseIdentity(u)!, usageClass });
        }
      }
    }
  }
  return accountTotals(aggregation, records);
}

describe('usage recount flows', () => {
  let env: TestEnv;
  let config: WorkerConfig;
  let worker: INestApplicationContext | undefined;
  let queue: Queue;
  let events: QueueEvents;
  let flows: FlowProducer;

  beforeAll(async () => {
    env = await createTestEnv();
    config = { ...env.config, usageRecountEveryMs: 3_600_000 };
    worker = await createWorkerContext(config);
    const connection = { url: env.config.redisUrl };
    queue = new Queue('usage', { connection, prefix: env.config.queuePrefix });
    events = new QueueEvents('usage', { connection, prefix: env.config.queuePrefix });
    flows = new FlowProducer({ connection, prefix: env.config.queuePrefix });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await flows?.close();
    await events?.close();
    await queue?.close();
    await worker?.close();
    await env?.cleanup();
  });

  async function restartWorker(next: WorkerConfig = config): Promise<void> {
    await worker?.close();
    worker = undefined;
    worker = await createWorkerContext(next);
  }

  const seed = (subscription: Subscription, environments: EnvironmentFixture[] = ENVIRONMENTS) =>
    seedAccount(env.db, subscription, environments);

  /** Adds the flow directly (as the API may) and waits for its parent. */
  async function runFlow(accountId: string, environmentIds: string[]) {
    const node = await flows.add(usageRecountFlow(accountId, environmentIds));
    const result = (await node.job.waitUntilFinished(events, WAIT_MS)) as AccountRecountResult;
    return { runId: node.job.id!, result };
  }

  /** Enqueues 'usage.request-recount' (as the schedulers do) and waits for the flow it started. */
  async function requestRecount(accountId: string) {
    const request = await queue.add('usage.request-recount', { accountId });
    const started = (await request.waitUntilFinished(events, WAIT_MS)) as RecountRequestResult;
    if (started.skipped) return { started, runId: undefined, result: undefined };
    const parent = await Job.fromId(queue, started.flowJobId);
    const result = (await parent!.waitUntilFinished(events, WAIT_MS)) as AccountRecountResult;
    return { started, runId: started.flowJobId, result };
  }

  async function environmentSnapshots(runId: string) {
    return (await env.db.query(
      `SELECT environment_id AS "environmentId", account_id AS "accountId", kind, internal, external, named,
              anonymous, inactive, computed_at AS "computedAt"
         FROM environment_usage WHERE run_id = $1 ORDER BY environment_id`,
      [runId],
    )) as {
      environmentId: string;
      accountId: string;
      kind: string;
      internal: number;
      external: number;
      named: number;
      anonymous: number;
      inactive: number;
      computedAt: Date;
    }[];
  }

  async function accountSnapshots(accountId: string, runId?: string) {
    return (await env.db.query(
      `SELECT run_id AS "runId", model, aggregation, internal, external, named, limits, status, environments,
              computed_at AS "computedAt"
         FROM account_usage WHERE account_id = $1 AND ($2::text IS NULL OR run_id = $2) ORDER BY computed_at`,
      [accountId, runId ?? null],
    )) as {
      runId: string;
      model: string;
      aggregation: string;
      internal: number;
      external: number;
      named: number;
      limits: unknown;
      status: unknown;
      environments: unknown;
      computedAt: Date;
    }[];
  }

  /** The full expectation of one run: every environment's snapshot and the account's. */
  async function expectExactRun(
    runId: string,
    accountId: string,
    subscription: Subscription,
    byName: Map<string, string>,
    environments: EnvironmentFixture[] = ENVIRONMENTS,
  ) {
    const expectedSnapshots = environments
      .map((e) => ({ environmentId: byName.get(e.name)!, accountId, kind: e.kind, ...expectedEnvironment(e) }))
      .sort((a, b) => a.environmentId.localeCompare(b.environmentId));
    const snapshots = await environmentSnapshots(runId);
    expect(snapshots.map(({ computedAt: _, ...counts }) => counts)).toEqual(expectedSnapshots);

    const totals = expectedTotals(subscription.aggregation, environments);
    const { limits, status } = evaluateLimits(subscription, totals);
    const breakdown = environments
      .filter((e) => e.kind === 'production')
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((e) => {
        const { internal, external, named } = expectedEnvironment(e);
        return { environmentId: byName.get(e.name)!, name: e.name, internal, external, named };
      });
    const rows = await accountSnapshots(accountId, runId);
    expect(rows).toHaveLength(1);
    const { computedAt: _, ...row } = rows[0]!;
    expect(row).toEqual({
      runId,
      model: subscription.model,
      aggregation: subscription.aggregation,
      ...totals,
      limits,
      status,
      environments: breakdown,
    });
  }

  const INTERNAL_EXTERNAL_SUM: Subscription = {
    model: 'internal-external',
    aggregation: 'sum',
    internalLimit: 5,
    externalLimit: 2,
    namedLimit: null,
  };
  const NAMED_UNIQUE: Subscription = {
    model: 'named',
    aggregation: 'unique',
    internalLimit: null,
    externalLimit: null,
    namedLimit: 5,
  };

  it('has fixtures where the aggregations and statuses differ (a guard for the tests below)', () => {
    expect(expectedTotals('sum', ENVIRONMENTS)).toEqual({ internal: 5, external: 3, named: 8 });
    expect(expectedTotals('unique', ENVIRONMENTS)).toEqual({ internal: 4, external: 2, named: 6 });
    expect(evaluateLimits(INTERNAL_EXTERNAL_SUM, expectedTotals('sum', ENVIRONMENTS)).status).toEqual({
      internal: 'warning',
      external: 'exceeded',
      named: null,
    });
    expect(evaluateLimits(NAMED_UNIQUE, expectedTotals('unique', ENVIRONMENTS)).status).toEqual({
      internal: null,
      external: null,
      named: 'exceeded',
    });
  });

  it('a requested recount (sum, internal-external) writes exact snapshots; non-production stays out of totals', async () => {
    const { accountId, byName } = await seed(INTERNAL_EXTERNAL_SUM);
    const { started, runId, result } = await requestRecount(accountId);
    expect(started).toMatchObject({ skipped: false, accountId, environments: 3 });
    expect(result).toMatchObject({ skipped: false, runId, ...expectedTotals('sum', ENVIRONMENTS) });
    await expectExactRun(runId!, accountId, INTERNAL_EXTERNAL_SUM, byName);
  });

  it('a flow added directly (unique, named) writes exact snapshots with the named limit', async () => {
    const { accountId, environmentIds, byName } = await seed(NAMED_UNIQUE);
    const { runId } = await runFlow(accountId, environmentIds);
    await expectExactRun(runId, accountId, NAMED_UNIQUE, byName);
  });

  it('covers the other pairings too (unique with internal-external, sum with named)', async () => {
    for (const subscription of [
      { ...INTERNAL_EXTERNAL_SUM, aggregation: 'unique' as const },
      { ...NAMED_UNIQUE, aggregation: 'sum' as const },
    ]) {
      const { accountId, environmentIds, byName } = await seed(subscription);
      const { runId } = await runFlow(accountId, environmentIds);
      await expectExactRun(runId, accountId, subscription, byName);
    }
  });

  it('a child run alone snapshots under its own job id', async () => {
    const { accountId, byName } = await seed(INTERNAL_EXTERNAL_SUM);
    const environmentId = byName.get('staging')!;
    const job = await queue.add('usage.recount-environment', { accountId, environmentId });
    const result = (await job.waitUntilFinished(events, WAIT_MS)) as EnvironmentRecountResult;
    expect(result).toEqual({
      skipped: false,
      environmentId,
      name: 'staging',
      kind: 'non-production',
      runId: job.id,
      ...expectedEnvironment(ENVIRONMENTS[2]!),
      dataAsOf: expect.any(String),
      countedInMs: expect.any(Number),
    });
    expect(await environmentSnapshots(job.id!)).toHaveLength(1);
  });

  it('is idempotent: a retried parent rewrites its own row; a second request is a second run', async () => {
    const { accountId, environmentIds, byName } = await seed(INTERNAL_EXTERNAL_SUM);
    const { runId } = await runFlow(accountId, environmentIds);
    const [first] = await accountSnapshots(accountId, runId);

    const parent = (await Job.fromId(queue, runId))!;
    await parent.retry('completed');
    const again = (await parent.waitUntilFinished(events, WAIT_MS)) as AccountRecountResult;
    expect(again).toMatchObject({ skipped: false, runId });
    const [rewritten, ...more] = await accountSnapshots(accountId, runId);
    expect(more).toEqual([]);
    expect(rewritten!.computedAt.getTime()).toBeGreaterThanOrEqual(first!.computedAt.getTime());
    await expectExactRun(runId, accountId, INTERNAL_EXTERNAL_SUM, byName);

    // A retried child rewrites its environment's row of the same run too.
    const children = await parent.getDependencies();
    const childKey = Object.keys(children.processed ?? {})[0]!;
    const child = (await Job.fromId(queue, childKey.split(':').at(-1)!))!;
    await child.retry('completed');
    await child.waitUntilFinished(events, WAIT_MS);
    expect(await environmentSnapshots(runId)).toHaveLength(ENVIRONMENTS.length);

    // The retried run told its snapshot once: its event's id is the run's, and the outbox keeps one per id.
    const told = await env.db.query(
      `SELECT event->>'id' AS id FROM outbox_events WHERE account_id = $1 AND type = 'usage.snapshot'`,
      [accountId],
    );
    expect(told).toHaveLength(1);

    const second = await requestRecount(accountId);
    expect(second.runId).not.toBe(runId);
    await expectExactRun(second.runId!, accountId, INTERNAL_EXTERNAL_SUM, byName);
    const runs = (await accountSnapshots(accountId)).map((row) => row.runId);
    expect(new Set(runs)).toEqual(new Set([runId, second.runId]));
  });

  it('skips a deleted environment and a deleted account instead of failing', async () => {
    const { accountId, environmentIds, byName } = await seed(NAMED_UNIQUE);
    const gone = randomUUID();
    const node = await flows.add(usageRecountFlow(accountId, [...environmentIds, gone]));
    await node.job.waitUntilFinished(events, WAIT_MS);
    const values = Object.values(await node.job.getChildrenValues<EnvironmentRecountResult>());
    expect(values).toContainEqual({ skipped: true, reason: 'environment-not-found', environmentId: gone });
    await expectExactRun(node.job.id!, accountId, NAMED_UNIQUE, byName);

    const nobody = randomUUID();
    const { started } = await requestRecount(nobody);
    expect(started).toEqual({ skipped: true, reason: 'account-not-found', accountId: nobody });
    const { result } = await runFlow(nobody, []);
    expect(result).toEqual({ skipped: true, reason: 'account-not-found', accountId: nobody });
  });

  it('survives a worker closed mid-flow: the next worker finishes it, exactly once', async () => {
    const many: EnvironmentFixture[] = Array.from({ length: 12 }, (_, i) => ({
      name: `env-${String(i).padStart(2, '0')}`,
      kind: i % 4 === 3 ? 'non-production' : 'production',
      domains: ['acme.com'],
      tenants: [
        {
          domains: [],
          users: [
            user('x@acme.com', 'x'),
            user(`p${i}@else.org`, `p${i}`),
            user(`o${i}@else.org`, `o${i}`, i % 2 === 0),
          ],
        },
      ],
    }));
    const { accountId, environmentIds, byName } = await seed(INTERNAL_EXTERNAL_SUM, many);

    await worker!.close(); // nothing consumes while the flow is added: every child is pending
    worker = undefined;
    const node = await flows.add(usageRecountFlow(accountId, environmentIds));
    const runId = node.job.id!;
    const childIds = new Set(node.children!.map((child) => child.job.id!));

    const firstChildDone = new Promise<void>((resolve) => {
      const onCompleted = ({ jobId }: { jobId: string }) => {
        if (!childIds.has(jobId)) return;
        events.off('completed', onCompleted);
        resolve();
      };
      events.on('completed', onCompleted);
    });
    worker = await createWorkerContext(config);
    await firstChildDone;
    await worker.close(); // graceful: lets its active children finish, takes no new ones
    worker = undefined;

    const doneBefore = (await environmentSnapshots(runId)).length;
    expect(doneBefore).toBeGreaterThan(0);
    expect(doneBefore).toBeLessThan(many.length); // it really stopped in the middle
    expect(await node.job.getState()).toBe('waiting-children');
    expect(await accountSnapshots(accountId, runId)).toEqual([]);

    worker = await createWorkerContext(config);
    await node.job.waitUntilFinished(events, WAIT_MS);
    await expectExactRun(runId, accountId, INTERNAL_EXTERNAL_SUM, byName, many);
  });

  describe('a served total never goes back to older data (issue 14)', () => {
    /** Two production environments of internal users only (nothing configured): named = users. */
    const TWO: EnvironmentFixture[] = [
      {
        name: 'alpha',
        kind: 'production',
        domains: [],
        tenants: [{ domains: [], users: [user('a1@x.org', 'a1'), user('a2@x.org', 'a2'), user('a3@x.org', 'a3')] }],
      },
      {
        name: 'beta',
        kind: 'production',
        domains: [],
        tenants: [{ domains: [], users: [user('b1@x.org', 'b1'), user('b2@x.org', 'b2')] }],
      },
    ];

    /** Adds `count` active registered users to the environment's tenant, as an API write would. */
    async function addUsers(
      db: { query: (sql: string, params: unknown[]) => Promise<unknown> },
      environmentId: string,
      count: number,
    ) {
      await db.query(
        `INSERT INTO end_users (id, tenant_id, kind, username, email, is_active)
         SELECT gen_random_uuid(), t.id, 'registered', 'new' || n || '-' || t.id, NULL, true
           FROM tenants t, generate_series(1, $2::int) n WHERE t.environment_id = $1`,
        [environmentId, count],
      );
    }

    /** What the API's usage route and the /metrics gauges serve for the account (both read these). */
    async function served(accountId: string) {
      const snapshot = await latestAccountSnapshot(env.db, accountId);
      const gauges = (await latestAccountTotals(env.db)).find((row) => row.account_id === accountId);
      expect(gauges).toMatchObject({
        internal: snapshot!.internal,
        external: snapshot!.external,
        named: snapshot!.named,
      });
      return snapshot!;
    }

    it('a parent that finishes late, from a count held up before a change, does not replace the newer total', async () => {
      const { accountId, environmentIds, byName } = await seed(INTERNAL_EXTERNAL_SUM, TWO);
      const alpha = byName.get('alpha')!;
      const beta = byName.get('beta')!;

      // Run 1: beta counts now; alpha's count is held up (delayed until the test lets it go), so the
      // parent waits for it.
      const flow = usageRecountFlow(accountId, environmentIds);
      for (const child of flow.children) {
        if (child.data.environmentId === alpha) Object.assign(child.opts, { delay: 3_600_000 });
      }
      const late = await flows.add(flow);
      const heldChild = late.children!.find((child) => child.job.data.environmentId === alpha)!.job;
      const betaChild = late.children!.find((child) => child.job.data.environmentId === beta)!.job;
      await betaChild.waitUntilFinished(events, WAIT_MS);
      expect(await heldChild.getState()).toBe('delayed');

      // Beta grows by 5 after run 1 read it; run 2 counts everything and completes: 3 + 7.
      await addUsers(env.db, beta, 5);
      const second = await runFlow(accountId, environmentIds);
      expect(second.result).toMatchObject({ skipped: false, internal: 10, named: 10 });
      expect(await served(accountId)).toMatchObject({ runId: second.runId, named: 10 });

      // Run 1 finishes last, from beta's count before the change (2 + 3 = 5 against a true 10).
      await heldChild.promote();
      const result = (await late.job.waitUntilFinished(events, WAIT_MS)) as AccountRecountResult;
      expect(result).toMatchObject({ skipped: true, reason: 'superseded', runId: late.job.id });
      if (result.skipped && result.reason === 'superseded') {
        expect(new Date(result.dataAsOf).getTime()).toBeLessThan(new Date(result.newerDataAsOf).getTime());
      }
      const servedNow = await served(accountId);
      expect(servedNow).toMatchObject({ runId: second.runId, internal: 10, external: 0, named: 10 });
      // Nothing older than what was served is stored, so the history holds only totals that were served.
      expect((await accountSnapshots(accountId)).map((row) => row.runId)).toEqual([second.runId]);
      // Alpha's held count read after run 2's: for the environment it is the newest data, and served.
      const [alphaSnapshot] = (await env.db.query(
        `SELECT run_id FROM environment_usage WHERE environment_id = $1
          ORDER BY data_as_of DESC, computed_at DESC, id DESC LIMIT 1`,
        [alpha],
      )) as { run_id: string }[];
      expect(alphaSnapshot!.run_id).toBe(late.job.id);
    });

    it('a parent retried after newer totals were stored (as after a killed worker) does not replace them', async () => {
      const { accountId, environmentIds, byName } = await seed(INTERNAL_EXTERNAL_SUM, TWO);
      const first = await runFlow(accountId, environmentIds);
      expect(first.result).toMatchObject({ skipped: false, named: 5 });
      const [stored] = await accountSnapshots(accountId, first.runId);

      await addUsers(env.db, byName.get('alpha')!, 3);
      const second = await runFlow(accountId, environmentIds);
      expect(second.result).toMatchObject({ skipped: false, named: 8 });

      // BullMQ runs the parent again (a stalled job recovered, a retry): same children, same old counts.
      const parent = (await Job.fromId(queue, first.runId))!;
      await parent.retry('completed');
      const again = (await parent.waitUntilFinished(events, WAIT_MS)) as AccountRecountResult;
      expect(again).toMatchObject({ skipped: true, reason: 'superseded', runId: first.runId });
      expect(await served(accountId)).toMatchObject({ runId: second.runId, named: 8 });
      expect(await accountSnapshots(accountId, first.runId)).toEqual([stored]); // left as it was
    });

    it('a count held behind a lock reads the data of its snapshot, and is stamped with that time', async () => {
      const { accountId, environmentIds, byName } = await seed(INTERNAL_EXTERNAL_SUM, TWO.slice(1));
      const beta = byName.get('beta')!;
      const lock = env.db.createQueryRunner();
      try {
        await lock.startTransaction();
        await lock.query('LOCK TABLE end_users IN ACCESS EXCLUSIVE MODE');
        const node = await flows.add(usageRecountFlow(accountId, environmentIds));
        const child = node.children![0]!.job;
        await waitFor('the count to wait for the lock', async () => {
          const [row] = (await env.db.query(
            `SELECT count(*)::int AS n FROM pg_locks
              WHERE NOT granted AND relation = 'end_users'::regclass
                AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          )) as { n: number }[];
          return row!.n > 0;
        });
        // Three users are added and committed while the count waits: after its snapshot was taken.
        await addUsers(lock.manager, beta, 3);
        const [{ before_commit: beforeCommit }] = (await lock.query('SELECT clock_timestamp() AS before_commit')) as [
          { before_commit: Date },
        ];
        await lock.commitTransaction();

        const result = (await node.job.waitUntilFinished(events, WAIT_MS)) as AccountRecountResult;
        expect(result).toMatchObject({ skipped: false, named: 2 });
        const childResult = (await child.waitUntilFinished(events, WAIT_MS)) as EnvironmentRecountResult;
        expect(childResult).toMatchObject({ skipped: false, named: 2 });
        const readAt = new Date((childResult as { dataAsOf: string }).dataAsOf);
        expect(readAt.getTime()).toBeLessThan(beforeCommit.getTime());
        const held = await latestAccountSnapshot(env.db, accountId);
        expect(held!.dataAsOf.getTime()).toBe(readAt.getTime()); // the oldest (only) child's read

        const next = await runFlow(accountId, environmentIds);
        expect(next.result).toMatchObject({ skipped: false, named: 5 });
        const served = await latestAccountSnapshot(env.db, accountId);
        expect(served).toMatchObject({ runId: next.runId, named: 5 });
        expect(served!.dataAsOf.getTime()).toBeGreaterThan(beforeCommit.getTime());
      } finally {
        if (lock.isTransactionActive) await lock.rollbackTransaction();
        await lock.release();
      }
    });
  });

  it('keeps one recount scheduler per existing account, with the configured period', async () => {
    const kept = await seed(INTERNAL_EXTERNAL_SUM, []);
    const deleted = await seed(NAMED_UNIQUE, []);
    const stranger = usageSchedulerId(randomUUID()); // an account deleted while no worker or API saw it
    await queue.upsertJobScheduler(stranger, { every: 60_000 }, { name: 'usage.request-recount', data: {} });

    const every = 1_800_000;
    await restartWorker({ ...config, usageRecountEveryMs: every });
    const accounts = (await env.db.query('SELECT id FROM accounts')) as { id: string }[];
    const schedulers = await queue.getJobSchedulers(0, -1);
    expect(schedulers.map((s) => s.key).sort()).toEqual(accounts.map((a) => usageSchedulerId(a.id)).sort());
    for (const { id } of accounts) {
      expect(schedulers).toContainEqual(
        expect.objectContaining({
          key: usageSchedulerId(id),
          name: 'usage.request-recount',
          every,
          template: expect.objectContaining({ data: { accountId: id } }),
        }),
      );
    }

    await env.db.query('DELETE FROM accounts WHERE id = $1', [deleted.accountId]);
    await restartWorker();
    const after = (await queue.getJobSchedulers(0, -1)).map((s) => s.key);
    expect(after).toContain(usageSchedulerId(kept.accountId));
    expect(after).not.toContain(usageSchedulerId(deleted.accountId));
    expect((await queue.getJobScheduler(usageSchedulerId(kept.accountId)))?.every).toBe(config.usageRecountEveryMs);
  });

  it('owns the schedulers: a request for a new account creates its scheduler, one for a deleted account removes it', async () => {
    const created = await seed(INTERNAL_EXTERNAL_SUM, []);
    await queue.removeJobScheduler(usageSchedulerId(created.accountId)); // as if created after the worker started
    const { started } = await requestRecount(created.accountId);
    expect(started).toMatchObject({ skipped: false, accountId: created.accountId });
    expect(await queue.getJobScheduler(usageSchedulerId(created.accountId))).toMatchObject({
      name: 'usage.request-recount',
      every: config.usageRecountEveryMs,
    });

    await env.db.query('DELETE FROM accounts WHERE id = $1', [created.accountId]);
    const { started: gone } = await requestRecount(created.accountId);
    expect(gone).toEqual({ skipped: true, reason: 'account-not-found', accountId: created.accountId });
    expect(await queue.getJobScheduler(usageSchedulerId(created.accountId))).toBeUndefined();
  });

  describe('recounts asked for by changes keep their distance from a costly run (issue 17)', () => {
    let redis: Redis;
    beforeAll(() => {
      redis = new Redis(env.config.redisUrl);
    });
    afterAll(async () => {
      await redis?.quit();
    });

    const costKey = (accountId: string) => queue.toKey(`recount-cost:${accountId}`);
    const storedCost = async (accountId: string) => {
      const stored = await redis.get(costKey(accountId));
      return stored === null ? null : (JSON.parse(stored) as RecountCost);
    };
    /** Adds the request the API adds after a change (debounced) and waits for what the worker made of it. */
    async function requestAfterChange(accountId: string) {
      const { name, data, opts } = debouncedRecountRequest(accountId);
      const request = await queue.add(name, data, opts);
      return (await request.waitUntilFinished(events, WAIT_MS)) as RecountRequestResult;
    }

    it('keeps what a run cost the database, beside the queue', async () => {
      const { accountId } = await seed(INTERNAL_EXTERNAL_SUM);
      const before = Date.now();
      const { result } = await requestRecount(accountId);
      expect(result).toMatchObject({ skipped: false });
      const cost = await storedCost(accountId);
      expect(cost?.databaseMs).toBeGreaterThanOrEqual(0);
      expect(cost?.finishedAt).toBeGreaterThanOrEqual(before);
      expect(cost?.finishedAt).toBeLessThanOrEqual(Date.now());
      // It goes by itself: an old cost cannot hold anything back.
      expect(await redis.pttl(costKey(accountId))).toBeGreaterThan(60_000);
    });

    it('puts off a request made by changes after a costly run, joins later changes to it, and runs it then', async () => {
      const { accountId } = await seed(INTERNAL_EXTERNAL_SUM);
      // The previous run took 700 ms of the database: the next starts no sooner than 6.3 s after it, so the request,
      // which runs after the 2-s debounce (later on a loaded machine, which only shortens the wait), is put off.
      await redis.set(costKey(accountId), JSON.stringify({ databaseMs: 700, finishedAt: Date.now() }), 'PX', 60_000);
      const put = await requestAfterChange(accountId);
      expect(put).toMatchObject({ skipped: true, reason: 'postponed', accountId });
      expect(put.skipped && put.reason === 'postponed' && put.waitMs).toBeGreaterThan(0);
      expect(put.skipped && put.reason === 'postponed' && put.waitMs).toBeLessThanOrEqual(4_300);

      // The request that waits holds the debounce: a change meanwhile adds nothing.
      const waiting = await queue.getDeduplicationJobId(usageDebounceId(accountId));
      expect(waiting).not.toBeNull();
      const { name, data, opts } = debouncedRecountRequest(accountId);
      expect((await queue.add(name, data, opts)).id).toBe(waiting);

      const later = await Job.fromId(queue, waiting!);
      const started = (await later!.waitUntilFinished(events, WAIT_MS)) as RecountRequestResult;
      expect(started).toMatchObject({ skipped: false, accountId, environments: 3 });
    });

    it('never puts off an operator’s or a scheduled request', async () => {
      const { accountId } = await seed(INTERNAL_EXTERNAL_SUM);
      await redis.set(costKey(accountId), JSON.stringify({ databaseMs: 50_000, finishedAt: Date.now() }), 'PX', 60_000);
      // A request made by changes waits the longest spacing there is, less the debounce it already waited …
      const put = await requestAfterChange(accountId);
      expect(put).toMatchObject({ skipped: true, reason: 'postponed' });
      expect(put.skipped && put.reason === 'postponed' && put.waitMs).toBeGreaterThan(55_000);
      // … while the operator's runs now, as does the scheduler's (the same request, without a debounce).
      const { started, result } = await requestRecount(accountId);
      expect(started).toMatchObject({ skipped: false, accountId });
      expect(result).toMatchObject({ skipped: false });
      await queue.remove((await queue.getDeduplicationJobId(usageDebounceId(accountId)))!);
    });
  });
});
