import { Gauge, type Registry } from 'prom-client';
import { withTimeout } from './with-timeout.js';

/** The BullMQ states a queue's depth is reported in. */
export const QUEUE_STATES = [
  'waiting',
  'prioritized',
  'waiting-children',
  'active',
  'delayed',
  'failed',
  'completed',
] as const;

export type QueueState = (typeof QUEUE_STATES)[number];

/**
 * The part of a BullMQ Queue the depth is read from. Structural, so this package needs no BullMQ of
 * its own; passing a real Queue still checks QUEUE_STATES against BullMQ's job types.
 */
export interface CountableQueue {
  readonly name: string;
  getJobCounts(...states: QueueState[]): Promise<Record<string, number>>;
}

export interface QueueDepthOptions {
  registers: Registry[];
  /** The queues to count, asked at each scrape. */
  queues: () => readonly CountableQueue[];
  /** How long a scrape waits on Redis; without an answer by then the depth's series are left out. */
  timeoutMs: number;
  /** Told after each scrape whether Redis answered in time (for roster_metrics_source_up). */
  answered: (ok: boolean) => void;
  /** Runs the reading, e.g. to fail at once while Redis is known to be disconnected. Default: as is. */
  run?: <T>(read: () => Promise<T>) => Promise<T>;
}

/**
 * roster_queue_jobs{queue,state}: jobs per queue and state, read at scrape time with a deadline, so a
 * Redis outage neither hangs the scrape nor fails it.
 */
export function queueDepthGauge({
  registers,
  queues,
  timeoutMs,
  answered,
  run = (read) => read(),
}: QueueDepthOptions): void {
  new Gauge({
    name: 'roster_queue_jobs',
    help: 'Jobs per queue and state (BullMQ getJobCounts), read at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      this.reset();
      const read = () =>
        Promise.all(queues().map(async (queue) => [queue.name, await queue.getJobCounts(...QUEUE_STATES)] as const));
      const rows = await withTimeout(run(read), timeoutMs).catch(() => null);
      answered(rows !== null);
      for (const [queue, counts] of rows ?? []) {
        for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state] ?? 0);
      }
    },
  });
}
