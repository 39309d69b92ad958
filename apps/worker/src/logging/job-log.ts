import { type Logger, runWithLogger } from '@roster/logging';
import { type Job, UnrecoverableError, type Worker } from 'bullmq';

type Processor = (job: Job) => Promise<unknown>;

/** Errors already on a job line, so the Worker's 'failed' event does not log them a second time. */
const logged = new WeakSet<Error>();

/**
 * Wraps a queue's processor so every attempt of every job is one line when it ends: `jobId`, `job` (its
 * name), `queue`, `runId` (usage recounts), `attempt`, `maxAttempts`, `durationMs`, `outcome` (completed or
 * failed) and, when failed, `err` and `willRetry`. Completed at info; failed at warn while BullMQ will
 * retry it, at error when it gave up. Lines the handler logs through Nest's Logger carry the same ids.
 */
export function withJobLog(queue: string, logger: Logger, processor: Processor): Processor {
  return async (job) => {
    const log = logger.child({ jobId: job.id, job: job.name, queue, ...runIdOf(job) });
    const attempt = job.attemptsMade + 1;
    const maxAttempts = Math.max(job.opts.attempts ?? 1, 1); // BullMQ runs a job with attempts 0 once
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const result = await runWithLogger(log, () => processor(job));
      log.info({ attempt, maxAttempts, durationMs: elapsed(), outcome: 'completed' }, 'job completed');
      return result;
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      const willRetry = !(err instanceof UnrecoverableError) && attempt < maxAttempts;
      log[willRetry ? 'warn' : 'error'](
        { attempt, maxAttempts, durationMs: elapsed(), outcome: 'failed', willRetry, err },
        'job failed',
      );
      logged.add(err);
      throw error;
    }
  };
}

/** Logs what happens to a queue's jobs outside the processor: a job stalled (its worker died) or failed for it. */
export function logJobEvents(worker: Worker, queue: string, logger: Logger): void {
  worker.on('stalled', (jobId) => {
    logger.warn({ jobId, queue }, 'job stalled: the worker running it stopped; BullMQ puts it back in wait');
  });
  worker.on('failed', (job, error) => {
    if (logged.has(error)) return;
    logger.error({ jobId: job?.id, job: job?.name, queue, outcome: 'failed', err: error }, 'job failed');
  });
}

/**
 * The usage recount run a job belongs to (DESIGN.md §6): the payload's `runId` when it has one, else the
 * flow's parent job id for an environment recount and the job's own id for the account recount (the
 * id the snapshots are written under).
 */
function runIdOf(job: Job): { runId?: string } {
  const fromPayload = (job.data as { runId?: unknown } | undefined)?.runId;
  if (typeof fromPayload === 'string') return { runId: fromPayload };
  // As the recount handlers take it: an environment recount added alone is a run of its own.
  if (job.name === 'usage.recount-environment') return definedRunId(job.parent?.id ?? job.id);
  if (job.name === 'usage.recount-account') return definedRunId(job.id);
  return {};
}

function definedRunId(runId: string | undefined): { runId?: string } {
  return runId ? { runId } : {};
}
