import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Queue } from 'bullmq';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { queueDepthGauge, type QueueDepthOptions } from './queue-depth.js';
import { parsePrometheusText, series, valueOf } from './testing/prometheus-text.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TIMEOUT_MS = 300;

/** A port on 127.0.0.1 that nothing listens on (taken, then given back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** One scrape of a registry holding only the queue-depth gauge: its samples and what `answered` heard. */
async function scrape(options: Pick<QueueDepthOptions, 'queues' | 'run'>) {
  const registry = new Registry();
  const heard: boolean[] = [];
  queueDepthGauge({ registers: [registry], timeoutMs: TIMEOUT_MS, answered: (ok) => heard.push(ok), ...options });
  const started = Date.now();
  const exposition = parsePrometheusText(await registry.metrics());
  return { exposition, heard, ms: Date.now() - started };
}

describe('queueDepthGauge', () => {
  const queues: Queue[] = [];
  afterAll(async () => {
    for (const queue of queues) await queue.close();
  });

  it('reports each queue’s jobs per state as BullMQ counts them', async () => {
    const queue = new Queue('depth', { connection: { url: REDIS_URL }, prefix: `ops-test-${randomUUID()}` });
    queues.push(queue);
    await queue.add('one', {});
    await queue.add('two', {}, { delay: 60_000 });
    try {
      const { exposition, heard } = await scrape({ queues: () => [queue] });
      expect(heard).toEqual([true]);
      expect(valueOf(exposition, 'roster_queue_jobs', { queue: 'depth', state: 'waiting' })).toBe(1);
      expect(valueOf(exposition, 'roster_queue_jobs', { queue: 'depth', state: 'delayed' })).toBe(1);
      expect(series(exposition, 'roster_queue_jobs', { queue: 'depth' })).toHaveLength(7);
    } finally {
      await queue.obliterate({ force: true });
    }
  });

  it('leaves the depth out after the deadline when Redis does not answer, and says so', async () => {
    const queue = new Queue('depth', { connection: { host: '127.0.0.1', port: await closedPort() } });
    queue.on('error', () => undefined);
    queues.push(queue);
    const { exposition, heard, ms } = await scrape({ queues: () => [queue] });
    expect(heard).toEqual([false]);
    expect(series(exposition, 'roster_queue_jobs')).toHaveLength(0);
    expect(ms).toBeLessThan(TIMEOUT_MS + 1_000);
  });

  it('leaves the depth out when the reading is refused at once (the API while Redis is disconnected)', async () => {
    const { exposition, heard } = await scrape({
      queues: () => [],
      run: () => Promise.reject(new Error('Redis is not connected')),
    });
    expect(heard).toEqual([false]);
    expect(series(exposition, 'roster_queue_jobs')).toHaveLength(0);
  });
});
