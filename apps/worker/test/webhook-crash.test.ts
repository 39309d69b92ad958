import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { seal } from '@roster/config';
import { newId } from '@roster/db';
import { change, type RecordedChange, webhookSecretContext } from '@roster/domain';
import { Queue } from 'bullmq';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerContext } from '../src/worker.factory.js';
import { assertBuildIsFresh, type ChildWorker, startChildWorker, until } from '../src/testing/child-worker.js';
import { createTestEnv, type TestEnv } from './harness.js';
import { seedAccount } from './usage-fixtures.js';

/**
 * Issue 16: events reach a receiver exactly once as it sees them (deduplicating on webhook-id, as Standard
 * Webhooks asks), also when the worker delivering them is killed (SIGKILL) mid-delivery. The killed worker's jobs
 * are handed to the next worker once their locks expire (BullMQ's stall detection, about 30 s): the events a dead
 * process had in flight arrive again, nothing is lost. Runs the built worker: `pnpm build` first.
 */
const EVENTS = 10;

let env: TestEnv;
let webhooks: Queue;
let server: Server;
let hang = true;
const received: { headers: IncomingHttpHeaders; body: string; answered: boolean }[] = [];
let worker: ChildWorker | undefined;
let survivor: INestApplicationContext | undefined;

beforeAll(async () => {
  assertBuildIsFresh();
  env = await createTestEnv();
  webhooks = new Queue('webhooks', { connection: { url: env.config.redisUrl }, prefix: env.config.queuePrefix });
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body, answered: !hang });
      if (!hang) response.writeHead(204).end(); // while hanging, the request stays in flight
    });
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
}, 60_000);

afterAll(async () => {
  worker?.child.kill('SIGKILL');
  await worker?.exited;
  await survivor?.close();
  server?.closeAllConnections();
  server?.close();
  await webhooks?.close();
  await env?.cleanup();
}, 60_000);

describe('a worker killed while delivering webhooks', () => {
  it('loses no event: the next worker delivers what the dead one had in flight', async () => {
    const { accountId } = await seedAccount(
      env.db,
      { model: 'named', namedLimit: 10, internalLimit: null, externalLimit: null, aggregation: 'sum' },
      [{ name: 'prod', kind: 'production', domains: [], tenants: [{ domains: [], users: [] }] }],
    );
    const [{ id: tenantId }] = await env.db.query('SELECT id FROM tenants WHERE account_id = $1', [accountId]);
    const secret = Buffer.alloc(32, 3);
    const endpointId = newId();
    const sealed = seal(secret, env.config.encryptionKeys, webhookSecretContext(endpointId));
    const port = (server.address() as AddressInfo).port;
    await env.db.query(
      `INSERT INTO webhook_endpoints (id, account_id, url, event_types, secret) VALUES ($1, $2, $3, $4, $5)`,
      [
        endpointId,
        accountId,
        `http://127.0.0.1:${port}/hooks`,
        ['roster.user.created'],
        JSON.stringify({
          ciphertext: sealed.ciphertext.toString('base64'),
          dataKey: sealed.dataKey.toString('base64'),
          keyId: sealed.keyId,
        }),
      ],
    );
    // Ten committed changes in the outbox, as the API's unit of work writes them.
    const changes: RecordedChange[] = Array.from({ length: EVENTS }, () => ({
      ...change('user.created', randomUUID(), null, { kind: 'registered', username: 'u', email: null, isActive: true }),
      id: newId(),
      accountId,
      tenantId,
      environmentId: null,
      actor: { kind: 'system', id: null },
      at: new Date().toISOString(),
    }));
    for (const recorded of changes) {
      await env.db.query(
        `INSERT INTO outbox_events (id, account_id, type, event, delivered_at) VALUES ($1, $2, $3, $4, now())`,
        [recorded.id, accountId, recorded.type, JSON.stringify(recorded)],
      );
    }

    // A lock of 5 s rather than the 30 s default: the survivor takes the dead worker's jobs over that much sooner.
    worker = await startChildWorker(env.config, webhooks, { JOB_LOCK_DURATION: '5s' });
    await webhooks.add('webhooks.fan-out', {});
    // At most 4 in flight to one endpoint: the dead worker takes those with it.
    await until('deliveries in flight', async () => (received.length >= 4 ? true : undefined));
    worker.child.kill('SIGKILL');
    await worker.exited;
    worker = undefined;
    hang = false;

    survivor = await createWorkerContext(env.config, { stalledIntervalMs: 1_000 });
    const verifier = new Webhook(`whsec_${secret.toString('base64')}`);
    const seen = await until(
      'every event delivered',
      async () => {
        const answered = received.filter((request) => request.answered);
        const ids = new Set(answered.map((request) => request.headers['webhook-id'] as string));
        return ids.size >= EVENTS ? ids : undefined;
      },
      90_000,
    );
    expect([...seen].sort()).toEqual(changes.map((recorded) => recorded.id).sort());
    for (const request of received) verifier.verify(request.body, request.headers as Record<string, string>);
    // The four the dead worker had in flight were sent twice; a deduplicating receiver saw each event once.
    expect(received.filter((request) => !request.answered)).toHaveLength(4);
    const states = await until('every message delivered', async () => {
      const rows = await env.db.query('SELECT state, count(*)::int AS n FROM webhook_messages GROUP BY state');
      return rows.length === 1 && rows[0].state === 'delivered' ? rows : undefined;
    });
    expect(states).toEqual([{ state: 'delivered', n: EVENTS }]);
  }, 120_000);
});
