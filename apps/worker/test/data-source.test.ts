/** The worker's DataSource is the one TypeOrmModule provides, and the pool outlives the jobs using it. */
import { Injectable, type INestApplicationContext, Module } from '@nestjs/common';
import { getDataSourceToken, InjectDataSource } from '@nestjs/typeorm';
import type { JobName } from '@roster/domain';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangesModule } from '../src/changes/changes.module.js';
import { GrantExpiryModule } from '../src/grant-expiry/grant-expiry.module.js';
import { ImportsModule } from '../src/imports/imports.module.js';
import { LifecycleModule } from '../src/lifecycle/lifecycle.module.js';
import { JobHandler } from '../src/jobs/job-handler.decorator.js';
import { PurgeExpiredSessionsHandler } from '../src/maintenance/purge-expired-sessions.handler.js';
import { PurgeOldLoginAttemptsHandler } from '../src/maintenance/purge-old-login-attempts.handler.js';
import { UsageModule } from '../src/usage/usage.module.js';
import { StatementsModule } from '../src/statements/statements.module.js';
import { WebhooksModule } from '../src/webhooks/webhooks.module.js';
import { createWorkerContext } from '../src/worker.factory.js';
import { createTestEnv, type TestEnv } from './harness.js';

const PURGE = 'maintenance.purge-expired-sessions' satisfies JobName;

async function connectionsTo(env: TestEnv): Promise<number> {
  const [row] = (await env.db.query(
    'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()',
  )) as { n: number }[];
  return row!.n;
}

describe('the worker DataSource', () => {
  let env: TestEnv;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => {
    await worker?.close();
    await env?.cleanup();
  });

  it('is TypeOrmModule’s, connected at start with packages/db’s options and a pool of 4, the one handlers use, closed at close()', async () => {
    const before = await connectionsTo(env);
    worker = await createWorkerContext(env.config);
    const dataSource = worker.get<DataSource>(getDataSourceToken());
    expect(dataSource).toBeInstanceOf(DataSource);
    expect(dataSource.isInitialized).toBe(true);
    expect(dataSource.options).toMatchObject({
      type: 'postgres',
      url: env.config.databaseUrl,
      migrationsTableName: 'roster_migrations',
      synchronize: false,
      extra: { max: 4 },
    });
    // What the handlers were given (the field is private: read through a cast, for this check only).
    const handler = worker.get(PurgeExpiredSessionsHandler) as unknown as { dataSource: DataSource };
    expect(handler.dataSource).toBe(dataSource);
    expect(await connectionsTo(env)).toBeGreaterThan(before);

    await worker.close();
    worker = undefined;
    expect(dataSource.isInitialized).toBe(false);
    // A closed connection's backend exits a moment after the client hangs up: poll briefly.
    await expect.poll(() => connectionsTo(env), { timeout: 3000 }).toBe(before);
  });
});

/** Runs of the slow purge below: when each started, and how its query after the pause ended. */
const runs: { started: number; outcome?: 'ok' | string }[] = [];
let firstRunStarted: () => void = () => undefined;

/** Stands in for the real purge: holds the job a while, then needs the pool. */
@Injectable()
class SlowPurgeHandler {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @JobHandler(PURGE)
  async purge(): Promise<void> {
    const run: (typeof runs)[number] = { started: Date.now() };
    runs.push(run);
    firstRunStarted();
    await new Promise((resolve) => setTimeout(resolve, 500));
    try {
      await this.dataSource.query('SELECT 1');
      run.outcome = 'ok';
    } catch (error) {
      run.outcome = (error as Error).message;
      throw error;
    }
  }
}
@Module({ providers: [SlowPurgeHandler, PurgeOldLoginAttemptsHandler] })
class SlowMaintenanceModule {}

describe('shutdown order', () => {
  let env: TestEnv;
  let queue: Queue | undefined;

  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => {
    await queue?.close();
    await env?.cleanup();
  });

  it('closes the workers, letting a running job finish its queries, before the pool', async () => {
    const worker = await createWorkerContext(env.config, {
      jobModules: [
        SlowMaintenanceModule,
        UsageModule,
        ChangesModule,
        WebhooksModule,
        StatementsModule,
        GrantExpiryModule,
        ImportsModule,
        LifecycleModule,
      ],
    });
    const started = new Promise<void>((resolve) => (firstRunStarted = resolve));
    queue = new Queue('maintenance', { connection: { url: env.config.redisUrl }, prefix: env.config.queuePrefix });
    await queue.add(PURGE, {});
    await started;

    await worker.close();
    expect(worker.get<DataSource>(getDataSourceToken()).isInitialized).toBe(false);
    expect(runs.length).toBeGreaterThan(0);
    // Had the pool closed first, the query after the pause would have failed ("not initialized"/terminated).
    expect(runs.map((run) => run.outcome)).toEqual(runs.map(() => 'ok'));
  });
});
