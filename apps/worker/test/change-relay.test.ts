import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { watchChild } from '@roster/ops/testing';
import { cacheInvalidationChannels, type RecordedChange, usageDebounceId } from '@roster/domain';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuildIsFresh, type ChildWorker, startChildWorker, STEP_MS, until } from '../src/testing/child-worker.js';
import { createTestEnv, type TestEnv } from './harness.js';
import { seedAccount } from './usage-fixtures.js';

/**
 * DESIGN.md §5, the crash case of the one write path: a writer PROCESS killed (SIGKILL) after its transaction
 * committed and before its changes reached their consumers. The changes wait in the outbox; once a worker runs,
 * its relay delivers them — the cache invalidation and the recount request each exactly once — and a second
 * relay run delivers nothing again. Runs the built worker and packages: `pnpm build` first.
 */
const WRITER = fileURLToPath(new URL('./fixtures/commit-then-die.mjs', import.meta.url));

let env: TestEnv;
let usage: Queue;
let maintenance: Queue;
let listener: Redis;
let worker: ChildWorker | undefined;
const heard: unknown[] = [];

beforeAll(async () => {
  assertBuildIsFresh();
  env = await createTestEnv();
  const connection = { url: env.config.redisUrl };
  usage = new Queue('usage', { connection, prefix: env.config.queuePrefix });
  maintenance = new Queue('maintenance', { connection, prefix: env.config.queuePrefix });
  listener = new Redis(env.config.redisUrl);
  const { current } = cacheInvalidationChannels(env.config.queuePrefix);
  await listener.subscribe(current);
  listener.on('message', (_channel: string, message: string) => heard.push(JSON.parse(message)));
}, 60_000);

afterAll(async () => {
  worker?.child.kill('SIGTERM');
  await worker?.exited;
  listener?.disconnect();
  await usage?.close();
  await maintenance?.close();
  await env?.cleanup();
}, 60_000);

async function outbox(): Promise<{ event: RecordedChange; delivered: boolean }[]> {
  // The writer's changes: the usage events the recount itself tells are the worker's own (delivered at once).
  return env.db.query(
    `SELECT event, delivered_at IS NOT NULL AS delivered FROM outbox_events WHERE type NOT LIKE 'usage.%' ORDER BY id`,
  );
}

describe('a writer killed between its commit and the delivery of its changes', () => {
  it('loses nothing: the relay delivers each change once the worker runs, and never twice', async () => {
    const { accountId, environmentIds } = await seedAccount(
      env.db,
      { model: 'named', namedLimit: 10, internalLimit: null, externalLimit: null, aggregation: 'sum' },
      [{ name: 'prod', kind: 'production', domains: [], tenants: [{ domains: [], users: [] }] }],
    );
    const [{ id: tenantId }] = await env.db.query('SELECT id FROM tenants WHERE account_id = $1', [accountId]);
    const writer = spawn(
      process.execPath,
      [WRITER, env.config.databaseUrl, accountId, environmentIds[0]!, tenantId, 'survivor'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const { output, exited } = watchChild(writer);
    const exit = await exited;
    expect(exit.signal, output()).toBe('SIGKILL');

    // Committed: the user, its audit row and its change, which no consumer has had.
    const [user] = await env.db.query('SELECT id FROM end_users WHERE tenant_id = $1 AND username = $2', [
      tenantId,
      'survivor',
    ]);
    expect(user).toBeDefined();
    const waiting = await outbox();
    expect(waiting).toEqual([
      { event: expect.objectContaining({ type: 'user.created', tenantId, accountId }), delivered: false },
    ]);
    const [audit] = await env.db.query('SELECT action, target_id FROM audit_events WHERE id = $1', [
      waiting[0]!.event.id,
    ]);
    expect(audit).toEqual({ action: 'user.created', target_id: user.id });

    worker = await startChildWorker(env.config, usage, { OUTBOX_RELAY_AFTER: '1ms' });
    await until('the relay to deliver the change', async () =>
      (await outbox()).every((row) => row.delivered) ? true : undefined,
    );
    const debounced = await until('the recount request', async () => {
      const jobs = await usage.getJobs(['delayed', 'waiting', 'active', 'completed']);
      const requests = jobs.filter((job) => job.opts.deduplication?.id === usageDebounceId(accountId));
      return requests.length > 0 ? requests : undefined;
    });
    expect(debounced).toHaveLength(1);
    await until('the invalidation', async () => (heard.length > 0 ? true : undefined));
    expect(heard).toEqual([expect.objectContaining({ events: [{ kind: 'tenant', tenantId }] })]);

    // Another run finds nothing left to deliver, and tells nobody anything again.
    const events = new QueueEvents('maintenance', {
      connection: { url: env.config.redisUrl },
      prefix: env.config.queuePrefix,
    });
    try {
      await events.waitUntilReady();
      const again = await maintenance.add('changes.relay', {});
      expect(await again.waitUntilFinished(events, STEP_MS)).toMatchObject({ delivered: 0 });
    } finally {
      await events.close();
    }
    expect(heard).toHaveLength(1);
    expect((await outbox()).map((row) => row.delivered)).toEqual([true]);
  }, 90_000);
});
