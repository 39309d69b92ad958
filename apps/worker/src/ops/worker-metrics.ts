import { Injectable } from '@nestjs/common';
import { JOB_NAMES, JOBS } from '@roster/domain';
import { createInstanceRegistry } from '@roster/ops';
import type { Job } from 'bullmq';
import { Counter, Histogram } from 'prom-client';

/**
 * The worker's metrics that are counted as jobs run, in a registry of this context's own
 * (createInstanceRegistry says why).
 */
@Injectable()
export class WorkerMetrics {
  readonly registry = createInstanceRegistry();

  private readonly jobs = new Counter({
    name: 'roster_jobs_total',
    help: 'Job attempts by queue, job name and outcome (completed, failed); a retried job counts each attempt',
    labelNames: ['queue', 'name', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly duration = new Histogram({
    name: 'roster_job_duration_seconds',
    help: 'How long each job attempt ran, by queue and job name',
    labelNames: ['queue', 'name'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
    registers: [this.registry],
  });

  constructor() {
    // Every registered job's series exist from the start, so the first failure is a change, not a new series.
    for (const name of JOB_NAMES) {
      for (const outcome of ['completed', 'failed']) this.jobs.inc({ queue: JOBS[name].queue, name, outcome }, 0);
    }
  }

  /**
   * Wraps a queue's processor so every attempt is timed and counted, whatever it ends with. A job name
   * outside the registry is labelled "unknown": a producer's typo must not create series without bound.
   */
  timed<J extends Job, R>(queue: string, processor: (job: J) => Promise<R>): (job: J) => Promise<R> {
    return async (job) => {
      const name = job.name in JOBS ? job.name : 'unknown';
      const end = this.duration.startTimer({ queue, name });
      let outcome = 'failed';
      try {
        const result = await processor(job);
        outcome = 'completed';
        return result;
      } finally {
        end();
        this.jobs.inc({ queue, name, outcome });
      }
    };
  }
}
