import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { latestAccountSnapshot } from '@roster/db';
import {
  accountTotals,
  countClasses,
  type LicensedRecord,
  licenseIdentity,
  type Subscription,
  usageRecountFlow,
} from '@roster/domain';
import { FlowProducer, type Job, Queue, QueueEvents } from 'bullmq';
import type { QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerConfig } from '../src/config/config.js';
import type { AccountRecountResult } from '../src/usage/usage-recount.handler.js';
import { createWorkerContext } from '../src/worker.factory.js';
import { assertBuildIsFresh, startChildWorker, STEP_MS, until } from '../src/testing/child-worker.js';
import { createTestEnv, type TestEnv } from './harness.js';
import { ANONYMOUS, classify, type EnvironmentFixture, seedAccount, user } from './usage-fixtures.js';

/**
 * DESIGN.md §6, the crash case: a worker PROCESS killed with SIGKILL while a recount child is active
 * (no graceful close, no lock release, no 'failed' event). BullMQ only gives the job to another worker
 * once the dead worker's lock expired (lockDuration: the killed process's JOB_LOCK_DURATION, KILLED_LOCK here
 * rather than the 30 s default, so the test does not wait that long) and a stalled check ran; the second worker here checks every second (stalledIntervalMs). The run
 * must then complete with exactly one snapshot per environment and one exact account snapshot.
 *
 * Runs the built worker (dist/main.js): `pnpm --filter @roster/worker build` first (the root
 * `pnpm test` does).
 */

/** The killed worker's lock: renewed every half of it, so a loaded machine's pauses must stay well below. */
const KILLED_LOCK = '5s';
/** The killed worker's lock plus start-ups and a margin. */
const RECOVERY_MS = 30_000;

/** x@acme.com is in both production environments (sum ≠ unique); staging stays out of the totals. */
const ENVIRONMENTS: EnvironmentFixture[] = [
  {
    name: 'alpha',
    kind: 'production',
    domains: ['acme.com'],
    tenants: [
      {
        domains: [],
        users: [user('x@acme.com', 'x'), user('a@else.org', 'a'), user('i@else.org', 'i', false), user(null, 'alice')],
      },
    ],
  },
  {
    name: 'beta',
    kind: 'production',
    domains: ['acme.com'],
    tenants: [{ domains: [], users: [user('x@acme.com', 'x'), user('b@other.net', 'b'), ANONYMOUS] }],
  },
  {
    name: 'staging',
    kind: 'non-production',
    domains: [],
    tenants: [{ domains: [], users: [user('s1@x.org', 's1'), user('s2@x.org', 's2')] }],
  },
];

const SUBSCRIPTION: Subscription = {
  model: 'internal-external',
  aggregation: 'sum',
  internalLimit: 10,
  externalLimit: 10,
  namedLimit: null,
};

function expectedTotals(aggregation: Subscription['aggregation']) {
  const records: LicensedRecord[] = [];
  for (const e of ENVIRONMENTS.filter((env) => env.kind === 'production')) {
    for (const u of e.tenants.flatMap((tenant) => tenant.users)) {
      const usageClass = classify(e, e.tenants[0]!, u);
      if (usageClass === 'internal' || usageClass === 'external') {
        records.push({ identity: licenseIdentity(u)!, usageClass });
      }
    }
  }
  return accountTotals(aggregation, records);
}

describe('usage recount flow with a killed worker process', () => {
  let env: TestEnv;
  let config: WorkerConfig;
  let child: ChildProcess | undefined;
  let lock: QueryRunner | undefined;
  let worker: INestApplicationContext | undefined;
  let queue: Queue;
  let events: QueueEvents;
  let flows: FlowProducer;

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

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (lock?.isTransactionActive) await lock.rollbackTransaction().catch(() => undefined);
    await lock?.release().catch(() => undefined);
    await worker?.close();
    await flows?.close();
    await events?.close();
    await queue?.close();
    await env?.cleanup();
  });

  const seed = () => seedAccount(env.db, SUBSCRIPTION, ENVIRONMENTS);

  it(
    'a worker killed (SIGKILL) during a recount child: a second worker completes the run, exactly once',
    async () => {
      const killed = (await startChildWorker(config, queue, { JOB_LOCK_DURATION: KILLED_LOCK })).child;
      child = killed;
      const { accountId, environmentIds, byName } = await seed();

      // Every environment count reads end_users: while this transaction holds the table, the child's
      // counts block, so its recount-environment jobs are reliably active when it is killed.
      lock = env.db.createQueryRunner(); // its own connection of the test's pool
      await lock.startTransaction();
      await lock.query('LOCK TABLE end_users IN ACCESS EXCLUSIVE MODE');

      const runId = randomUUID();
      const node = await flows.add(usageRecountFlow(accountId, environmentIds, runId));
      expect(node.job.id).toBe(runId);
      const childIds = new Set(node.children!.map((c) => c.job.id!));
      const activeAtKill = await until('a recount-environment job of the run to be active', async () => {
        const active = (await queue.getActive()).filter((job) => childIds.has(job.id!));
        return active.length > 0 ? active : undefined;
      });

      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        killed.once('exit', (_, signal) => resolve(signal)),
      );
      killed.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      await lock.commitTransaction();
      await lock.release();
      lock = undefined;

      // It died in the middle: its jobs are still active (locked by a dead process), nothing was written.
      for (const job of activeAtKill) expect(await job.getState()).toBe('active');
      expect(await node.job.getState()).toBe('waiting-children');
      const none = (await env.db.query('SELECT count(*)::int AS n FROM environment_usage WHERE run_id = $1', [
        runId,
      ])) as { n: number }[];
      expect(none[0]!.n).toBe(0);

      worker = await createWorkerContext(config, { stalledIntervalMs: 1_000 });
      const result = (await node.job.waitUntilFinished(events, RECOVERY_MS)) as AccountRecountResult;

      // The jobs the dead worker held were recovered as stalled (not failed, not run twice at once).
      for (const { id } of activeAtKill) {
        const job = (await queue.getJob(id!)) as Job;
        expect(job.stalledCounter).toBe(1);
        expect(await job.getState()).toBe('completed');
      }

      const snapshots = (await env.db.query(
        `SELECT environment_id AS "environmentId", kind, internal, external, named, anonymous, inactive
           FROM environment_usage WHERE run_id = $1 ORDER BY environment_id`,
        [runId],
      )) as Record<string, unknown>[];
      expect(snapshots).toEqual(
        ENVIRONMENTS.map((e) => ({
          environmentId: byName.get(e.name)!,
          kind: e.kind,
          ...countClasses(e.tenants.flatMap((tenant) => tenant.users.map((u) => classify(e, tenant, u)))),
        })).sort((a, b) => a.environmentId.localeCompare(b.environmentId)),
      );

      const accounts = (await env.db.query(
        `SELECT internal, external, named FROM account_usage WHERE account_id = $1 AND run_id = $2`,
        [accountId, runId],
      )) as { internal: number; external: number; named: number }[];
      const totals = expectedTotals(SUBSCRIPTION.aggregation);
      expect(totals).toEqual({ internal: 3, external: 2, named: 5 }); // guard: the fixture counts something
      // The second worker's start schedules the account's periodic recount, whose first run starts at once and
      // can store newer data before this run's recovered children finish: this run's total is then older than
      // the stored one and is not stored (it would never be served). Exactly once either way, and served exact.
      if (result.skipped) {
        expect(result).toMatchObject({ reason: 'superseded', runId });
        expect(accounts).toEqual([]);
      } else {
        expect(accounts).toEqual([totals]);
      }
      expect(await latestAccountSnapshot(env.db, accountId)).toMatchObject(totals);
    },
    RECOVERY_MS + 2 * STEP_MS,
  );
});
