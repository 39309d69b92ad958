import { Injectable, type INestApplicationContext, Module } from '@nestjs/common';
import { CHANGE_RELAY_EVERY_MS, GRANT_EXPIRY_SWEEP_EVERY_MS, JOBS, type JobName } from '@roster/domain';
import { Queue, QueueEvents } from 'bullmq';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangesModule } from '../src/changes/changes.module.js';
import { GrantExpiryModule } from '../src/grant-expiry/grant-expiry.module.js';
import { ImportsModule } from '../src/imports/imports.module.js';
import { LifecycleModule } from '../src/lifecycle/lifecycle.module.js';
import { JobHandler } from '../src/jobs/job-handler.decorator.js';
import { JobHandlerError } from '../src/jobs/handler-discovery.js';
import { STATIC_SCHEDULES } from '../src/jobs/schedules.js';
import { MaintenanceModule } from '../src/maintenance/maintenance.module.js';
import { UsageModule } from '../src/usage/usage.module.js';
import { StatementsModule } from '../src/statements/statements.module.js';
import { WebhooksModule } from '../src/webhooks/webhooks.module.js';
import { createWorkerContext } from '../src/worker.factory.js';
import { createTestEnv, type TestEnv } from './harness.js';

const PURGE = 'maintenance.purge-expired-sessions' satisfies JobName;
const PURGE_ATTEMPTS = 'maintenance.purge-old-login-attempts' satisfies JobName;
const PURGE_WEBHOOK_LOG = 'maintenance.purge-webhook-log' satisfies JobName;
const REMOVE_EXPIRED_GRANTS = 'maintenance.remove-expired-grants' satisfies JobName;

// Handler sets that must be refused: a second handler for a registered job, and a handler
// for a job the registry does not have (cast: the decorator's type rejects it, on purpose).
@Injectable()
class SecondPurgeHandler {
  @JobHandler(PURGE)
  async purgeAgain(): Promise<void> {}
}
@Injectable()
class UnknownJobHandler {
  @JobHandler('maintenance.no-such-job' as JobName)
  async run(): Promise<void> {}
}
@Module({ providers: [SecondPurgeHandler, UnknownJobHandler] })
class BrokenHandlersModule {}

describe('start-up handler check', () => {
  // A database that does not exist: the check must refuse before connecting to anything.
  const config = {
    databaseUrl: 'postgres://postgres@127.0.0.1:5432/roster_worker_must_not_connect',
    redisUrl: 'redis://127.0.0.1:6379',
    redisCluster: null,
    queuePrefix: 'test-worker-never-used',
    nodeEnv: 'test' as const,
    usageRecountEveryMs: 900_000,
    workerHost: '127.0.0.1',
    workerPort: 3001,
    metricsToken: null,
    logLevel: 'silent' as const, // the failures are expected: keep them out of the test output
    logFormat: 'json' as const,
    shutdownTimeoutMs: 25_000,
    outboxRelayAfterMs: 10_000,
    jobLockDurationMs: 30_000,
    encryptionKeys: [],
    webhookAllowPrivateAddresses: true,
    webhookRetryBaseMs: 30_000,
    webhookMaxAttempts: 21,
  };

  it('refuses to start when a job has no handler', async () => {
    const start = createWorkerContext(config, { jobModules: [] });
    await expect(start).rejects.toThrow(JobHandlerError);
    await expect(start).rejects.toThrow(`job "${PURGE}" has no handler`);
  });

  it('refuses a duplicate and an unknown handler, listing every problem and where each handler is', async () => {
    const error = await createWorkerContext(config, {
      jobModules: [
        MaintenanceModule,
        UsageModule,
        ChangesModule,
        WebhooksModule,
        StatementsModule,
        GrantExpiryModule,
        ImportsModule,
        LifecycleModule,
        BrokenHandlersModule,
      ],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobHandlerError);
    expect((error as JobHandlerError).problems).toEqual([
      `job "${PURGE}" has 2 handlers; it must have exactly one`,
      'handler for "maintenance.no-such-job", which is not in the job registry',
    ]);
    expect((error as Error).message).toContain(`PurgeExpiredSessionsHandler.purge → ${PURGE}`);
    expect((error as Error).message).toContain(`SecondPurgeHandler.purgeAgain → ${PURGE}`);
  });
});

describe('running worker', () => {
  let env: TestEnv;
  let worker: INestApplicationContext;
  let queue: Queue;
  let events: QueueEvents;

  beforeAll(async () => {
    env = await createTestEnv();
    worker = await createWorkerContext(env.config);
    const connection = { url: env.config.redisUrl };
    queue = new Queue('maintenance', { connection, prefix: env.config.queuePrefix });
    events = new QueueEvents('maintenance', { connection, prefix: env.config.queuePrefix });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await events?.close();
    await queue?.close();
    await worker?.close();
    await env?.cleanup();
  });

  it('works as roster_worker, the role row-level security lets count across tenants', async () => {
    const [row] = await worker.get(DataSource).query('SELECT current_user AS role');
    expect(row).toEqual({ role: 'roster_worker' });
  });

  /** One operator with a session that expired a minute ago and one valid for an hour. */
  async function seedSessions(): Promise<{ expired: string; live: string }> {
    const [operator] = (await env.db.query(
      `WITH name AS (SELECT 'admin-' || gen_random_uuid() AS username)
       INSERT INTO operators (id, account_id, username, username_key, password_hash, role)
       SELECT gen_random_uuid(), NULL, username, username, 'h', 'platform-admin' FROM name RETURNING id`,
    )) as { id: string }[];
    const insert = `INSERT INTO operator_sessions (id, operator_id, token_hash, expires_at)
                    VALUES (gen_random_uuid(), $1, gen_random_uuid()::text::bytea, now() + $2::interval) RETURNING id`;
    const [expired] = (await env.db.query(insert, [operator!.id, '-1 minute'])) as { id: string }[];
    const [live] = (await env.db.query(insert, [operator!.id, '1 hour'])) as { id: string }[];
    return { expired: expired!.id, live: live!.id };
  }

  async function sessionIds(): Promise<string[]> {
    const rows = (await env.db.query('SELECT id FROM operator_sessions ORDER BY id')) as { id: string }[];
    return rows.map((row) => row.id);
  }

  async function runPurge(): Promise<{ deleted: number }> {
    const job = await queue.add(PURGE, {});
    return (await job.waitUntilFinished(events, 20_000)) as { deleted: number };
  }

  it('purges expired sessions and keeps live ones', async () => {
    const { live } = await seedSessions();
    await runPurge();
    expect(await sessionIds()).toEqual([live]);
  });

  it('is idempotent: a second run deletes nothing and changes nothing', async () => {
    await env.db.query('DELETE FROM operator_sessions');
    const { live } = await seedSessions();
    // The first run may find the expired row already gone (the hourly scheduler fires once at
    // start), so only the state after it is asserted, plus the second run's count.
    await runPurge();
    expect(await sessionIds()).toEqual([live]);
    expect(await runPurge()).toEqual({ deleted: 0 });
    expect(await sessionIds()).toEqual([live]);
  });

  it('purges login attempts past the retention period and keeps recent ones', async () => {
    const [tenant] = (await env.db.query(
      `WITH a AS (INSERT INTO accounts (id, name, subscription_model, aggregation)
                  VALUES (gen_random_uuid(), 'acct-' || gen_random_uuid(), 'named', 'sum') RETURNING id),
            e AS (INSERT INTO environments (id, account_id, name, kind)
                  SELECT gen_random_uuid(), id, 'prod', 'production' FROM a RETURNING id, account_id)
       INSERT INTO tenants (id, account_id, environment_id, name)
       SELECT gen_random_uuid(), account_id, id, 't' FROM e RETURNING id`,
    )) as { id: string }[];
    const insert = `INSERT INTO login_attempts (id, tenant_id, result, ip, at)
                    VALUES (gen_random_uuid(), $1, 'invalid-user', '10.0.0.1', now() - $2::interval)
                    RETURNING id`;
    await env.db.query(insert, [tenant!.id, '91 days']);
    const [recent] = (await env.db.query(insert, [tenant!.id, '89 days'])) as { id: string }[];
    const job = await queue.add(PURGE_ATTEMPTS, {});
    await job.waitUntilFinished(events, 20_000);
    const rows = (await env.db.query('SELECT id FROM login_attempts')) as { id: string }[];
    expect(rows.map((row) => row.id)).toEqual([recent!.id]);
  });

  it('purges webhook messages finished past the retention period, with their log, and keeps the rest', async () => {
    const [endpoint] = (await env.db.query(
      `WITH a AS (INSERT INTO accounts (id, name, subscription_model, aggregation)
                  VALUES (gen_random_uuid(), 'acct-' || gen_random_uuid(), 'named', 'sum') RETURNING id)
       INSERT INTO webhook_endpoints (id, account_id, url, event_types, secret)
       SELECT gen_random_uuid(), id, 'https://hooks.example.com', '{roster.ping}', '{}' FROM a
       RETURNING id, account_id AS "accountId"`,
    )) as { id: string; accountId: string }[];
    const message = async (state: string, finishedDaysAgo: number | null) => {
      const [row] = (await env.db.query(
        `INSERT INTO webhook_messages (id, account_id, endpoint_id, event_id, event_type, event, state, finished_at)
         VALUES (gen_random_uuid(), $1, $2, gen_random_uuid(), 'roster.ping', '{}', $3,
                 now() - make_interval(days => $4::int))
         RETURNING id`,
        [endpoint!.accountId, endpoint!.id, state, finishedDaysAgo],
      )) as { id: string }[];
      await env.db.query(
        `INSERT INTO webhook_deliveries (id, account_id, endpoint_id, message_id, event_id, event_type, attempt, at,
                                         status, duration_ms)
         SELECT gen_random_uuid(), account_id, endpoint_id, id, event_id, event_type, 1, now(), 'failed', 5
           FROM webhook_messages WHERE id = $1`,
        [row!.id],
      );
      return row!.id;
    };
    await message('delivered', 31);
    await message('failed', 40);
    const keep = [await message('delivered', 29), await message('pending', null)];
    const job = await queue.add(PURGE_WEBHOOK_LOG, {});
    expect(await job.waitUntilFinished(events, 20_000)).toEqual({ deleted: 2 });
    const rows = (await env.db.query('SELECT id FROM webhook_messages ORDER BY id')) as { id: string }[];
    expect(rows.map((row) => row.id).sort()).toEqual([...keep].sort());
    const log = (await env.db.query('SELECT message_id FROM webhook_deliveries')) as { message_id: string }[];
    expect(log.map((row) => row.message_id).sort()).toEqual([...keep].sort());
  });

  it('upserts the hourly and daily purge schedulers and the change relay at start', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: PURGE, name: PURGE, every: 3_600_000 }),
        expect.objectContaining({ key: PURGE_ATTEMPTS, name: PURGE_ATTEMPTS, every: 86_400_000 }),
        expect.objectContaining({ key: 'changes.relay', name: 'changes.relay', every: CHANGE_RELAY_EVERY_MS }),
        expect.objectContaining({ key: PURGE_WEBHOOK_LOG, name: PURGE_WEBHOOK_LOG, every: 86_400_000 }),
        expect.objectContaining({ key: 'usage.close-statements', every: 3_600_000 }),
        expect.objectContaining({ key: REMOVE_EXPIRED_GRANTS, every: GRANT_EXPIRY_SWEEP_EVERY_MS }),
      ]),
    );
    // Nothing else: one per static schedule of the queue.
    expect(schedulers).toHaveLength(STATIC_SCHEDULES.filter(({ job }) => JOBS[job].queue === 'maintenance').length);
  });

  it('applies the default job options to scheduled jobs', async () => {
    const [scheduler] = await queue.getJobSchedulers();
    expect(scheduler).toBeDefined();
    expect(scheduler?.template?.opts).toMatchObject({
      attempts: 5,
      backoff: { type: 'exponential', delay: 5_000 },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    });
  });
});

describe('schema check', () => {
  it('fails clearly, and releases its connections, when the database is not migrated', async () => {
    const env = await createTestEnv({ migrated: false });
    // Counted by hand: the DROP DATABASE … WITH (FORCE) of cleanup() would hide a leaked pool.
    const connections = async () =>
      (
        (await env.db.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()')) as {
          n: number;
        }[]
      )[0]!.n;
    try {
      const before = await connections();
      const start = createWorkerContext({ ...env.config, logLevel: 'silent' }, { schemaWaitMs: 300 });
      await expect(start).rejects.toThrow(/schema is not migrated \(pending: Foundation\d+(, \w+)*\)/);
      // A closed connection's backend exits a moment after the client hangs up: poll briefly.
      await expect.poll(connections, { timeout: 3000 }).toBe(before);
    } finally {
      await env.cleanup();
    }
  });
});
