import type { INestApplicationContext } from '@nestjs/common';
import { ScopesRepository } from '@roster/db';
import { redisServes, withTimeout } from '@roster/ops';
import { DataSource } from 'typeorm';
import { JobRunner } from '../jobs/job-runner.service.js';

/** How long readiness waits on PostgreSQL or Redis before calling it down. */
export const READINESS_TIMEOUT_MS = 1_000;

/** Shaped like the API's GET /api/health/ready, so one probe reading serves both. */
export interface Readiness {
  status: 'ready' | 'not-ready';
  database: 'up' | 'down';
  redis: 'up' | 'down';
  workers: 'running' | 'stopped';
}

/** Resolves whether the check answered in time (a check that cannot run yet answers no). */
async function answers(check: () => Promise<unknown> | undefined): Promise<boolean> {
  let work: Promise<unknown> | undefined;
  try {
    work = check();
  } catch {
    return false;
  }
  if (work === undefined) return false;
  return withTimeout(work, READINESS_TIMEOUT_MS).then(
    () => true,
    () => false,
  );
}

/** Ready: PostgreSQL and Redis answer and every queue's BullMQ Worker is running. */
export async function readiness(context: INestApplicationContext): Promise<Readiness> {
  const runner = context.get(JobRunner);
  const dataSource = context.get(DataSource);
  const [database, redis] = await Promise.all([
    answers(() => (dataSource.isInitialized ? new ScopesRepository(dataSource.manager).ping() : undefined)),
    answers(() => (runner.redisConnection ? redisServes(runner.redisConnection) : undefined)),
  ]);
  const workers = runner.workersRunning();
  return {
    status: database && redis && workers ? 'ready' : 'not-ready',
    database: database ? 'up' : 'down',
    redis: redis ? 'up' : 'down',
    workers: workers ? 'running' : 'stopped',
  };
}
