/**
 * Webhook delivery (issue 16): users are created through the API at the benchmark's load while an endpoint
 * subscribed to `roster.user.created` points at a receiver in this process. Measured per run: the events
 * delivered per second, and the time from each change (its CloudEvent `time`, stamped in the writing
 * transaction) to its arrival at the receiver.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api } from './api-client.js';
import type { Dataset } from './dataset.js';
import { load } from './load.js';
import { CREATED_PREFIX } from './measure.js';
import type { Preset } from './presets.js';
import { quantile, type Summary, summarize } from './stats.js';

/** How long the deliveries of one run may take to arrive after its load ended. */
const DRAIN_TIMEOUT_MS = 120_000;

export interface WebhookResults {
  /** Events received per second, from the first creation to the last arrival. */
  eventsPerSecond: Summary;
  /** Users created per second by the load (what the deliveries had to keep up with). */
  createdPerSecond: Summary;
  /** Change (CloudEvent time) → arrival at the receiver. */
  p50Ms: Summary;
  p95Ms: Summary;
  p99Ms: Summary;
  /** Events that arrived more than once (at-least-once delivery: should be 0 without failures). */
  duplicates: number;
}

class Receiver {
  private server: Server;
  /** Arrival time per event id, and the event's own time. */
  readonly arrivals = new Map<string, { time: number; arrived: number }>();
  duplicates = 0;

  constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const arrived = Date.now();
        const event = JSON.parse(Buffer.concat(chunks).toString()) as { id: string; time: string };
        if (this.arrivals.has(event.id)) this.duplicates += 1;
        else this.arrivals.set(event.id, { time: Date.parse(event.time), arrived });
        response.writeHead(204).end();
      });
    });
  }

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await new Promise((resolve) => this.server.once('listening', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/roster-events`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export async function measureWebhooks(api: Api, dataset: Dataset, preset: Preset): Promise<WebhookResults> {
  const receiver = new Receiver();
  const url = await receiver.start();
  const hook = await api.call<{ id: string }>('POST', `/accounts/${dataset.accountId}/webhooks`, {
    url,
    description: 'pnpm bench',
    eventTypes: ['roster.user.created'],
    tenantIds: [dataset.tenantId],
  });
  const perRun: { events: number; created: number; latencies: number[] }[] = [];
  let created = 0;
  try {
    for (let run = 0; run < preset.runs; run += 1) {
      receiver.arrivals.clear();
      const started = Date.now();
      const result = await load({
        url: api.baseUrl,
        connections: preset.connections,
        seconds: preset.seconds,
        headers: api.headers,
        method: 'POST',
        path: () => `/api/v1/tenants/${dataset.tenantId}/users`,
        body: () => ({ username: `${CREATED_PREFIX}hook.${process.pid}.${(created += 1)}.${Date.now()}` }),
        expect: 201,
      });
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      while (receiver.arrivals.size < result.requests - result.errors && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const arrivals = [...receiver.arrivals.values()];
      const last = Math.max(...arrivals.map((arrival) => arrival.arrived));
      perRun.push({
        events: arrivals.length / ((last - started) / 1000),
        created: result.requestsPerSecond,
        latencies: arrivals.map((arrival) => arrival.arrived - arrival.time).sort((a, b) => a - b),
      });
    }
  } finally {
    await api.call('DELETE', `/webhooks/${hook.id}`);
    await receiver.close();
  }
  return {
    eventsPerSecond: summarize(
      perRun.map((run) => run.events),
      0,
    ),
    createdPerSecond: summarize(
      perRun.map((run) => run.created),
      0,
    ),
    p50Ms: summarize(perRun.map((run) => quantile(run.latencies, 0.5))),
    p95Ms: summarize(perRun.map((run) => quantile(run.latencies, 0.95))),
    p99Ms: summarize(perRun.map((run) => quantile(run.latencies, 0.99))),
    duplicates: receiver.duplicates,
  };
}
