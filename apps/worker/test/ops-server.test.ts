/**
 * The worker's ops server (src/ops/ops-server.ts), listening for real on a free port: /metrics after
 * jobs ran (parsed strictly by @roster/ops/testing), the metrics token, and the live/ready probes
 * while the worker runs and after it stopped.
 */
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { QUEUE_NAMES } from '@roster/domain';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpsServer, startOpsServer } from '../src/ops/ops-server.js';
import { createWorkerContext } from '../src/worker.factory.js';
import { createTestEnv, type TestEnv } from './harness.js';
import { type Exposition, parsePrometheusText, series, valueOf } from '@roster/ops/testing';

const TOKEN = 'worker-metrics-token-0123456789';

describe('ops server', () => {
  let env: TestEnv;
  let worker: INestApplicationContext | undefined;
  let ops: OpsServer;
  let queue: Queue;
  let events: QueueEvents;

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${ops.port}${path}`, { headers });
  async function scrape(): Promise<Exposition> {
    const response = await get('/metrics', { authorization: `Bearer ${TOKEN}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return parsePrometheusText(await response.text());
  }

  beforeAll(async () => {
    env = await createTestEnv();
    worker = await createWorkerContext(env.config);
    ops = await startOpsServer(worker, { workerHost: '127.0.0.1', workerPort: 0, metricsToken: TOKEN });
    const connection = { url: env.config.redisUrl };
    queue = new Queue('usage', { connection, prefix: env.config.queuePrefix });
    events = new QueueEvents('usage', { connection, prefix: env.config.queuePrefix });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await events?.close();
    await queue?.close();
    await ops?.close();
    await worker?.close();
    await env?.cleanup();
  });

  it('is live, and ready while PostgreSQL, Redis and the workers are', async () => {
    const live = await get('/health/live');
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await get('/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'up', redis: 'up', workers: 'running' });
  });

  it('asks for the metrics token when one is set, and serves nothing else', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${TOKEN}-not` }, { authorization: TOKEN }];
    for (const headers of attempts) {
      const response = await get('/metrics', headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.text()).not.toContain('roster_');
    }
    const elsewhere = await get('/api/health');
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.json()).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('counts and times every job attempt by queue, job name and outcome', async () => {
    const before = await scrape();
    // An account that does not exist: the handler completes, skipping it.
    const done = await queue.add('usage.request-recount', { accountId: randomUUID() });
    expect(await done.waitUntilFinished(events, 20_000)).toMatchObject({ skipped: true });
    // A job no handler knows fails at once (UnrecoverableError), under the label "unknown".
    const broken = await queue.add('usage.no-such-job', {});
    await expect(broken.waitUntilFinished(events, 20_000)).rejects.toThrow(/No handler/);
    const after = await scrape();

    const delta = (name: string, labels: Record<string, string>) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    const recount = { queue: 'usage', name: 'usage.request-recount' };
    expect(delta('roster_jobs_total', { ...recount, outcome: 'completed' })).toBe(1);
    expect(delta('roster_jobs_total', { ...recount, outcome: 'failed' })).toBe(0);
    expect(delta('roster_job_duration_seconds_count', recount)).toBe(1);
    expect(delta('roster_jobs_total', { queue: 'usage', name: 'unknown', outcome: 'failed' })).toBe(1);
    expect(delta('roster_job_duration_seconds_count', { queue: 'usage', name: 'unknown' })).toBe(1);
    expect(series(after, 'roster_jobs_total', { name: 'usage.no-such-job' })).toEqual([]);
    // Every registered job has its series from the start.
    expect(series(before, 'roster_jobs_total', { name: 'maintenance.purge-old-login-attempts' })).toHaveLength(2);
  });

  it('reports queue depth as BullMQ counts it, the pool and the process', async () => {
    await queue.add('usage.request-recount', { accountId: randomUUID() }, { delay: 3_600_000 });
    const counters = new Map(
      QUEUE_NAMES.map((name) => [
        name,
        new Queue(name, { connection: { url: env.config.redisUrl }, prefix: env.config.queuePrefix }),
      ]),
    );
    const pair = async () => {
      const scraped = await scrape();
      const counted = new Map<string, number>();
      for (const [name, other] of counters) {
        const counts = await other.getJobCounts();
        for (const state of STATES) counted.set(`${name} ${state}`, counts[state] ?? 0);
      }
      return { scraped, counted };
    };
    // The worker's schedulers may run a job between the scrape and the count: a pair that disagrees is read again.
    let { scraped: exposition, counted } = await pair();
    for (let attempt = 0; attempt < 5 && !agrees(exposition, counted); attempt += 1) {
      ({ scraped: exposition, counted } = await pair());
    }
    await Promise.all([...counters.values()].map((other) => other.close()));
    expect(valueOf(exposition, 'roster_metrics_source_up', { source: 'queues' })).toBe(1);
    for (const [key, count] of counted) {
      const [name, state] = key.split(' ');
      expect(valueOf(exposition, 'roster_queue_jobs', { queue: name!, state: state! }), key).toBe(count);
    }
    expect(valueOf(exposition, 'roster_queue_jobs', { queue: 'usage', state: 'delayed' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(exposition, 'roster_queue_jobs', { queue: 'usage', state: 'failed' })).toBe(1);
    expect(valueOf(exposition, 'roster_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(exposition.types.get('process_resident_memory_bytes')).toBe('gauge');
  });

  it('stays live but is not ready once the worker stopped', async () => {
    await worker!.close();
    worker = undefined;
    expect((await get('/health/live')).status).toBe(200);
    const ready = await get('/health/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'not-ready', database: 'down', redis: 'down', workers: 'stopped' });
  });
});

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** Whether the exposition's queue depths are the counts BullMQ gave (keys "<queue> <state>"). */
function agrees(exposition: Exposition, counted: Map<string, number>): boolean {
  return [...counted].every(([key, count]) => {
    const [queue, state] = key.split(' ');
    return valueOf(exposition, 'roster_queue_jobs', { queue: queue!, state: state! }) === count;
  });
}

describe('ops server without a metrics token', () => {
  let env: TestEnv;
  let worker: INestApplicationContext;
  let ops: OpsServer;

  beforeAll(async () => {
    env = await createTestEnv();
    worker = await createWorkerContext(env.config);
    ops = await startOpsServer(worker, { workerHost: '127.0.0.1', workerPort: 0, metricsToken: null });
  });
  afterAll(async () => {
    await ops?.close();
    await worker?.close();
    await env?.cleanup();
  });

  it('serves /metrics to whoever reaches its (internal) port', async () => {
    const response = await fetch(`http://127.0.0.1:${ops.port}/metrics`);
    expect(response.status).toBe(200);
    const exposition = parsePrometheusText(await response.text());
    expect(exposition.types.get('roster_jobs_total')).toBe('counter');
  });
});
