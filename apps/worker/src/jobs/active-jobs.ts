import type { Job, Worker } from 'bullmq';

/**
 * The jobs this process's Workers hold right now, so a shutdown that cannot wait for them any longer
 * can hand them back. BullMQ's close(true) alone leaves them `active` under this process's lock: another
 * worker only takes them once the lock expired (JOB_LOCK_DURATION, 30 s) and its stalled check ran, and a
 * second such stall would fail the job (maxStalledCount 1). Job.moveToWait(token) — what BullMQ itself
 * uses to put a rate-limited job back — removes our lock and requeues the job at once, without using
 * up an attempt.
 */
export class ActiveJobs {
  private readonly jobs = new Map<string, Job>();

  /** Follows one Worker: a job counts from 'active' until BullMQ recorded it 'completed' or 'failed'. */
  follow(worker: Worker): void {
    worker.on('active', (job) => this.jobs.set(key(job), job));
    worker.on('completed', (job) => this.jobs.delete(key(job)));
    worker.on('failed', (job) => {
      if (job) this.jobs.delete(key(job));
    });
  }

  get count(): number {
    return this.jobs.size;
  }

  /**
   * Puts every job still held back in its queue's wait list; returns the ones handed back. A job
   * that finished meanwhile no longer has our lock and is left alone; one that cannot be moved (Redis
   * down) is still recovered by another worker's stalled check once the lock expires.
   */
  async handBack(): Promise<Job[]> {
    const held = [...this.jobs.values()];
    this.jobs.clear();
    const moved = await Promise.all(
      held.map(async (job) => {
        try {
          await job.moveToWait(job.token);
          return job;
        } catch {
          return undefined;
        }
      }),
    );
    return moved.filter((job): job is Job => job !== undefined);
  }
}

function key(job: Job): string {
  return `${job.queueName}:${job.id}`;
}
