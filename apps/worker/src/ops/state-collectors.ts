import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { JobRunner } from '../jobs/job-runner.service.js';
import { WorkerMetrics } from './worker-metrics.js';

/** The BullMQ states a queue's depth is reported in (as the API reports them). */
const QUEUE_STATES = [
  'waiting',
  'prioritized',
  'waiting-children',
  'active',
  'delayed',
  'failed',
  'completed',
] as const;

/** A scrape waits this long on Redis, then reports without the queue depth. */
export const SCRAPE_TIMEOUT_MS = 1_000;

/** Rejects after `ms`; the work goes on, its outcome ignored. */
async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** What node-postgres' Pool tells of its connections. */
interface PoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * Queue depth and the database pool, read at scrape time. The worker's Redis connection waits for a
 * reconnect instead of failing (what BullMQ workers need), so the depth is read with a deadline:
 * during an outage its series are left out and roster_metrics_source_up{source="queues"} is 0.
 */
@Injectable()
export class WorkerStateCollectors {
  constructor(metrics: WorkerMetrics, runner: JobRunner, dataSource: DataSource) {
    const registers = [metrics.registry];
    const sourceUp = new Gauge({
      name: 'roster_metrics_source_up',
      help: 'Whether the last scrape could read a source (queues: Redis)',
      labelNames: ['source'] as const,
      registers,
    });
    new Gauge({
      name: 'roster_queue_jobs',
      help: 'Jobs per queue and state (BullMQ getJobCounts), read at scrape time',
      labelNames: ['queue', 'state'] as const,
      registers,
      async collect() {
        this.reset();
        const read = Promise.all(
          runner.queueList().map(async (queue) => [queue.name, await queue.getJobCounts(...QUEUE_STATES)] as const),
        );
        const rows = await within(read, SCRAPE_TIMEOUT_MS).catch(() => null);
        sourceUp.set({ source: 'queues' }, rows ? 1 : 0);
        for (const [queue, counts] of rows ?? []) {
          for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state] ?? 0);
        }
      },
    });
    new Gauge({
      name: 'roster_db_pool_connections',
      help: 'PostgreSQL pool connections by state (total, idle) and requests waiting for one (waiting)',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const pool = (dataSource.driver as unknown as { master?: PoolCounts }).master;
        if (!pool) return;
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
}
