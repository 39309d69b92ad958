import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { latestAccountSnapshot } from '@roster/db';
import { countClasses, type Subscription, usageRecountFlow } from '@roster/domain';
import { FlowProducer, type Job, Queue, QueueEvents } from 'bullmq';
import type { QueryRunner } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerConfig } from '../src/config/config.js';
import type { AccountRecountResult } from '../src/usage/usage-recount.handler.js';
import { createWorkerContext } from '../src/worker.factory.js';
import { assertBuildIsFresh, type ChildWorker, startChildWorker, until } from '../src/testing/child-worker.js';
import { createTestEnv, type TestEnv } from './harness.js';
import { classify, type EnvironmentFixture, seedAccount, user } from './usage-fixtures.js';

/**
 * SIGTERM to the built worker while recount jobs are active. The jobs are held active on purpose: every
 * environment count reads end_users, and the test holds that table locked in a transaction until it
 * wants the counts to go on. With time enough the worker finishes them and exits 0, taking no new job;
 * with a SHUTDOWN_TIMEOUT too short it hands them back to the queue and exits 1, and another worker
 * runs them at once (not after BullMQ's 30 s lock expiry). Either way the run completes exactly once.
 */

/** Three environments, while the usage queue runs two jobs at once: one child waits its turn. */
const ENVIRONMENTS: EnvironmentFixture[] = ['alpha', 'beta', 'gamma'].map((name, index) => ({
  name,
  kind: index === 2 ? 'non-production' : 'production',
  domains: ['acme.com'],
  tenants: [
    { domains: [], users: [user(`x${index}@acme.com`, 'x'), user(`e${index}@else.org`, 'e'), user(null, 'n')] },
  ],
}));

const SUBSCRIPTION: Subscription = {
  model: 'internal-external',
  aggregation: 'sum',
  internalLimit: null,
  externalLimit: null,
  namedLimit: null,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the worker stopped with SIGTERM during a recount', () => {
  let env: TestEnv;
  let config: WorkerConfig;
  let queue: Queue;
  let events: QueueEvents;
  let flows: FlowProducer;
  let child: ChildWorker | undefined;
  let lock: QueryRunner | undefined;
  let second: INestApplicationContext | undefined;

  beforeAll(async () => {
    assertBuildIsFresh();
    env = await createTestEnv();
    config = { ...env.config, usageRecountEveryMs: 3_600_000 };
    const connection = { url: config.redisUrl };
    queue = new Queue('usage', { connection, prefix: config.queuePrefix });
    events = new QueueEvents('usage', { connection, prefix: config.queuePrefix });
    flows = new FlowProducer({ connection, prefix: config.queuePrefix });
    await events.waitUntilReady();
  });

  afterEach(async () => {
    if (child && child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL');
    await child?.exited;
    await releaseUsers();
    await second?.close();
    child = undefined;
    second = undefined;
  });

  afterAll(async () => {
    await flows?.close();
    await events?.close();
    await queue?.close();
    await env?.cleanup();
  });

  async function lockUsers(): Promise<void> {
    lock = env.db.createQueryRunner();
    await lock.startTransaction();
    await lock.query('LOCK TABLE end_users IN ACCESS EXCLUSIVE MODE');
  }

  async function releaseUsers(): Promise<void> {
    if (lock?.isTransactionActive) await lock.commitTransaction();
    await lock?.release();
    lock = undefined;
  }

  /** Seeds an account, locks end_users, adds a recount flow and waits until two children are active (blocked). */
  async function startRecount() {
    const { accountId, environmentIds, byName } = await seedAccount(env.db, SUBSCRIPTION, ENVIRONMENTS);
    await lockUsers();
    const runId = randomUUID();
    const node = await flows.add(usageRecountFlow(accountId, environmentIds, runId));
    const childIds = new Set(node.children!.map((c) => c.job.id!));
    const active = await until('two recount-environment jobs of the run to be active', async () => {
      const jobs = (await queue.getActive()).filter((job) => childIds.has(job.id!));
      return jobs.length === 2 ? jobs : undefined;
    });
    const waiting = node.children!.map((c) => c.job).find((job) => !active.some((a) => a.id === job.id))!;
    return { accountId, runId, node, active, waiting, byName };
  }

  /**
   * Exactly one exact snapshot per environment and one account snapshot for the run — unless the run's total was
   * superseded: the next worker's start schedules the account's periodic recount, whose first run starts at once
   * and may store newer data first; this run's older total is then not stored (it would never be served).
   */
  async function expectRunRecordedOnce(
    runId: string,
    accountId: string,
    byName: Map<string, string>,
    result: AccountRecountResult,
  ) {
    const rows = (await env.db.query(
      `SELECT environment_id AS "environmentId", internal, external, named, anonymous, inactive
         FROM environment_usage WHERE run_id = $1 ORDER BY environment_id`,
      [runId],
    )) as Record<string, unknown>[];
    const expected = ENVIRONMENTS.map((e) => ({
      environmentId: byName.get(e.name)!,
      production: e.kind === 'production',
      ...countClasses(e.tenants.flatMap((tenant) => tenant.users.map((u) => classify(e, tenant, u)))),
    }));
    expect(rows).toEqual(
      expected
        .map(({ production: _, ...counts }) => counts)
        .sort((a, b) => a.environmentId.localeCompare(b.environmentId)),
    );
    // Aggregation "sum": the production environments' counts added up.
    const production = expected.filter((e) => e.production);
    const accounts = (await env.db.query(
      'SELECT internal, external FROM account_usage WHERE account_id = $1 AND run_id = $2',
      [accountId, runId],
    )) as { internal: number; external: number }[];
    const totals = {
      internal: production.reduce((sum, e) => sum + e.internal, 0),
      external: production.reduce((sum, e) => sum + e.external, 0),
    };
    expect(totals.internal + totals.external).toBeGreaterThan(0); // guard: it counts something
    if (result.skipped) {
      expect(result).toMatchObject({ reason: 'superseded', runId });
      expect(accounts).toEqual([]);
    } else {
      expect(accounts).toEqual([totals]);
    }
    expect(await latestAccountSnapshot(env.db, accountId)).toMatchObject(totals);
  }

  it('finishes its active jobs, takes no new one and exits 0; the run completes once', async () => {
    child = await startChildWorker(config, queue, { SHUTDOWN_TIMEOUT: '20s' });
    const { accountId, runId, node, active, waiting, byName } = await startRecount();

    const signalledAt = Date.now();
    child.child.kill('SIGTERM');
    await sleep(1_000);
    // Still waiting for its two jobs, which cannot go on while the table is locked.
    expect(child.child.exitCode).toBeNull();
    for (const job of active) expect(await job.getState()).toBe('active');
    await releaseUsers();

    const exit = await child.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(child.output()).toContain('Stopped cleanly');
    // Its active jobs were finished by this worker, after the signal and before it exited …
    for (const { id } of active) {
      const job = (await queue.getJob(id!)) as Job;
      expect(await job.getState()).toBe('completed');
      expect(job.finishedOn).toBeGreaterThan(signalledAt);
      expect(job.finishedOn).toBeLessThanOrEqual(exit.at);
      expect(job.attemptsMade).toBe(1);
    }
    // … and the job that was waiting at the signal was not taken any more.
    expect(await queue.getJobState(waiting.id!)).toBe('waiting');
    expect(await node.job.getState()).toBe('waiting-children');

    // Nothing lost: the next worker runs the rest, and the run is recorded exactly once.
    second = await createWorkerContext(config);
    const result = (await node.job.waitUntilFinished(events, 15_000)) as AccountRecountResult;
    await expectRunRecordedOnce(runId, accountId, byName, result);
  }, 60_000);

  it('with too short a SHUTDOWN_TIMEOUT: hands its active jobs back and exits 1; another worker runs them at once', async () => {
    child = await startChildWorker(config, queue, { SHUTDOWN_TIMEOUT: '1s' });
    const { accountId, runId, node, active, byName } = await startRecount();

    const signalledAt = Date.now();
    child.child.kill('SIGTERM');
    const exit = await child.exited;
    expect(exit).toMatchObject({ code: 1, signal: null });
    expect(exit.at - signalledAt).toBeGreaterThanOrEqual(950);
    expect(exit.at - signalledAt).toBeLessThan(8_000);
    expect(child.output()).toMatch(
      /did not finish within SHUTDOWN_TIMEOUT \(1000 ms\); handed back to their queues: usage\.recount-environment #/,
    );
    // Back in the queue at once — not left active under a lock that would take 30 s to expire — with
    // no attempt used up and no stall counted.
    for (const { id } of active) {
      const job = (await queue.getJob(id!)) as Job;
      expect(await job.getState()).toBe('waiting');
      expect(job.attemptsMade).toBe(0);
      expect(job.stalledCounter).toBe(0);
    }
    const written = (await env.db.query('SELECT count(*)::int AS n FROM environment_usage WHERE run_id = $1', [
      runId,
    ])) as { n: number }[];
    expect(written[0]!.n).toBe(0);

    await releaseUsers();
    // BullMQ's default stalled check (every 30 s) could not be what brings them back within 10 s.
    const restartedAt = Date.now();
    second = await createWorkerContext(config);
    const result = (await node.job.waitUntilFinished(events, 10_000)) as AccountRecountResult;
    expect(Date.now() - restartedAt).toBeLessThan(10_000);
    for (const { id } of active) {
      const job = (await queue.getJob(id!)) as Job;
      expect(await job.getState()).toBe('completed');
      expect(job.attemptsMade).toBe(1);
    }
    await expectRunRecordedOnce(runId, accountId, byName, result);
  }, 60_000);
});
