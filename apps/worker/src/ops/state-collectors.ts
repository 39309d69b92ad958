import { Injectable } from '@nestjs/common';
import { poolConnectionsGauge, queueDepthGauge } from '@roster/ops';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { JobRunner } from '../jobs/job-runner.service.js';
import { WorkerMetrics } from './worker-metrics.js';

/** A scrape waits this long on Redis, then reports without the queue depth. */
export const SCRAPE_TIMEOUT_MS = 1_000;

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
    queueDepthGauge({
      registers,
      queues: () => runner.queueList(),
      timeoutMs: SCRAPE_TIMEOUT_MS,
      answered: (ok) => sourceUp.set({ source: 'queues' }, ok ? 1 : 0),
    });
    poolConnectionsGauge(registers, dataSource);
  }
}
