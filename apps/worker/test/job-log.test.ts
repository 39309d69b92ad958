import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { usageRecountFlow } from '@roster/domain';
import { FlowProducer, Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerLogger } from '../src/logging/worker-logger.js';
import { createWorkerContext } from '../src/worker.factory.js';
import { createTestEnv, type TestEnv } from './harness.js';

/** The worker's log: one JSON line per job attempt, with what an operator needs to follow a job. */
describe('job log', () => {
  let env: TestEnv;
  let worker: INestApplicationContext;
  let connection: { url: string };
  const output: string[] = [];
  const lines = () =>
    output
      .join('')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, any>);
  const jobLines = (jobId: string) => lines().filter((line) => line.jobId === jobId && 'outcome' in line);

  beforeAll(async () => {
    env = await createTestEnv();
    connection = { url: env.config.redisUrl };
    const config = { ...env.config, logLevel: 'debug' as const };
    const logger = await createWorkerLogger(config, { write: (chunk: string) => void output.push(chunk) });
    worker = await createWorkerContext(config, { logger });
  });

  afterAll(async () => {
    await worker?.close();
    await env?.cleanup();
  });

  it('logs a completed job with its id, name, queue, attempt and duration', async () => {
    const queue = new Queue('maintenance', { connection, prefix: env.config.queuePrefix });
    try {
      const job = await queue.add('maintenance.purge-expired-sessions', {});
      await expect.poll(() => jobLines(job.id!), { timeout: 10_000 }).toHaveLength(1);
      expect(jobLines(job.id!)[0]).toMatchObject({
        level: 'info',
        service: 'worker',
        job: 'maintenance.purge-expired-sessions',
        queue: 'maintenance',
        attempt: 1,
        maxAttempts: 1, // added without attempts: BullMQ runs it once
        durationMs: expect.any(Number),
        outcome: 'completed',
        msg: 'job completed',
      });
    } finally {
      await queue.close();
    }
  });

  it('logs a failed job with its error, at error when it will not be retried', async () => {
    const queue = new Queue('maintenance', { connection, prefix: env.config.queuePrefix });
    try {
      // No handler knows this name: the job fails for good on its first attempt.
      const job = await queue.add('maintenance.no-such-job' as string, {}, { attempts: 3 });
      await expect.poll(() => jobLines(job.id!), { timeout: 10_000 }).toHaveLength(1);
      expect(jobLines(job.id!)[0]).toMatchObject({
        level: 'error',
        job: 'maintenance.no-such-job',
        queue: 'maintenance',
        attempt: 1,
        maxAttempts: 3,
        outcome: 'failed',
        willRetry: false,
        err: { message: 'No handler for job "maintenance.no-such-job" on queue "maintenance"' },
        msg: 'job failed',
      });
      // The Worker's own 'failed' event does not log it a second time.
      expect(lines().filter((line) => line.jobId === job.id && line.msg === 'job failed')).toHaveLength(1);
    } finally {
      await queue.close();
    }
  });

  it('tags both jobs of a usage recount with the run id', async () => {
    const flows = new FlowProducer({ connection, prefix: env.config.queuePrefix });
    const events = new QueueEvents('usage', { connection, prefix: env.config.queuePrefix });
    try {
      await events.waitUntilReady();
      const runId = randomUUID();
      // An account and environment that do not exist: both jobs complete, skipping.
      const node = await flows.add(usageRecountFlow(randomUUID(), [randomUUID()], runId));
      await node.job.waitUntilFinished(events, 10_000);
      const child = node.children![0]!.job;
      await expect.poll(() => jobLines(runId), { timeout: 5_000 }).toHaveLength(1);
      expect(jobLines(runId)[0]).toMatchObject({ job: 'usage.recount-account', runId, outcome: 'completed' });
      expect(jobLines(child.id!)[0]).toMatchObject({ job: 'usage.recount-environment', runId, outcome: 'completed' });
    } finally {
      await events.close();
      await flows.close();
    }
  });
});
