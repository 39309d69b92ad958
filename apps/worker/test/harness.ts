import { randomBytes } from 'node:crypto';
import { createDataSource, dropDatabase, recreateDatabase } from '@roster/db';
import { QUEUE_NAMES } from '@roster/domain';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { inject } from 'vitest';
import { loadWorkerConfig, type WorkerConfig } from '../src/config/config.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestEnv {
  config: WorkerConfig;
  /** A connection of the test's own to this file's database, for fixtures and assertions. */
  db: DataSource;
  /** Drops the database and every Redis key under this file's prefix. */
  cleanup(): Promise<void>;
}

/** A migrated database of this file's own, and a queue prefix no other file or run uses. */
export async function createTestEnv({ migrated = true } = {}): Promise<TestEnv> {
  const { server, template, runId } = inject('testDatabase');
  const suffix = randomBytes(4).toString('hex');
  const databaseUrl = `${server}/roster_worker_test_${runId}_${suffix}`;
  await recreateDatabase(databaseUrl, migrated ? template : undefined);
  // Per file, not only per run: two files' workers on one prefix would steal each other's jobs.
  const config = loadWorkerConfig({
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    ROSTER_QUEUE_PREFIX: `test-worker-${runId}-${suffix}`,
    NODE_ENV: 'test',
    // Quiet unless asked (many tests provoke failures on purpose): LOG_LEVEL=error pnpm test shows them.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
  });
  const db = await createDataSource({ url: databaseUrl, poolSize: 2 }).initialize();
  return {
    config,
    db,
    async cleanup() {
      await db.destroy();
      await dropDatabase(databaseUrl);
      for (const name of QUEUE_NAMES) {
        const queue = new Queue(name, { connection: { url: REDIS_URL }, prefix: config.queuePrefix });
        await queue.obliterate({ force: true });
        await queue.close();
      }
    },
  };
}
