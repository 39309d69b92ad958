import type { Logger } from '@roster/logging';
import type { INestApplicationContext } from '@nestjs/common';
import { JobRunner } from '../jobs/job-runner.service.js';

/** How long handing the jobs back may take when Redis does not answer (the lock then expires instead). */
const HAND_BACK_WAIT_MS = 5_000;

/**
 * Stops the worker on SIGTERM or SIGINT without losing a job:
 * - context.close(): every Worker stops taking jobs and waits for its active ones (BullMQ's close()),
 *   then the queues, Redis and, last, the database pool close (JobRunner, Database) → exit 0;
 * - when that takes longer than SHUTDOWN_TIMEOUT, the active jobs are handed back to their queues
 *   (ActiveJobs) for another worker to run again → exit 1. The handlers are safe to run again: a
 *   recount rewrites its own run's snapshot, the purges delete what is still there.
 * Replaces Nest's enableShutdownHooks(), which has no time limit and re-raises the signal.
 */
export function stopGracefullyOnSignals(
  context: INestApplicationContext,
  shutdownTimeoutMs: number,
  logger: Logger,
): void {
  const runner = context.get(JobRunner);
  let stopping = false;

  const giveUp = async (): Promise<never> => {
    let timer: NodeJS.Timeout | undefined;
    const handedBack = await Promise.race([
      runner.activeJobs.handBack(),
      new Promise<[]>((resolve) => (timer = setTimeout(() => resolve([]), HAND_BACK_WAIT_MS))),
    ]);
    clearTimeout(timer);
    const names = handedBack.map((job) => `${job.name} #${job.id}`).join(', ') || 'none';
    logger.error(
      `Active jobs did not finish within SHUTDOWN_TIMEOUT (${shutdownTimeoutMs} ms); handed back to their queues: ${names}. Exiting.`,
    );
    process.exit(1);
  };

  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) {
      logger.info(`Received ${signal} again: already stopping`);
      return;
    }
    stopping = true;
    logger.info(
      `Received ${signal}: taking no new jobs; waiting up to ${shutdownTimeoutMs} ms for ${runner.activeJobs.count} active job(s)`,
    );
    const deadline = setTimeout(() => void giveUp(), shutdownTimeoutMs);
    try {
      await context.close();
    } catch (error) {
      logger.error(`Shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
    clearTimeout(deadline);
    logger.info('Stopped cleanly');
    process.exit(0);
  };

  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (received) => void stop(received));
}
