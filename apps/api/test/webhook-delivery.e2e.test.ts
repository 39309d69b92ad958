/**
 * Webhooks end to end (issue 16, API.md §9): the real API and the real worker in one process, receivers on
 * loopback. Every payload is verified by an independent implementation of Standard Webhooks (the
 * `standardwebhooks` package), and receivers deduplicate on `webhook-id` as the specification asks.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import type { WorkerConfig } from '@roster/config';
import { createWorkerContext } from '@roster/worker/factory';
import { WEBHOOK_EVENT_TYPE_NAMES } from '@roster/domain';
import { Queue } from 'bullmq';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type TestApp, startTestApp } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';
import { workerConfigFor } from './worker-config.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A receiver on 127.0.0.1: records every request and answers with what `answer` says (after `delayMs`). */
class Receiver {
  readonly requests: Received[] = [];
  status = 204;
  delayMs = 0;
  private server!: Server;

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.requests.push({ headers: request.headers, body: Buffer.concat(chunks).toString(), at: Date.now() });
        setTimeout(
          () => response.writeHead(this.status).end(this.status >= 400 ? 'receiver says no' : ''),
          this.delayMs,
        );
      });
    });
    this.server.listen(0, '127.0.0.1');
    await new Promise((resolve) => this.server.once('listening', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  /** The events received, once each (by webhook-id), each verified with `secret`. */
  events(secret: string): { id: string; type: string; subject: string; data: any }[] {
    const verifier = new Webhook(secret);
    const seen = new Map<string, any>();
    for (const request of this.requests) {
      const event = verifier.verify(request.body, request.headers as Record<string, string>) as any;
      seen.set(request.headers['webhook-id'] as string, event);
    }
    return [...seen.values()];
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function startWorker(t: TestApp, overrides: Partial<WorkerConfig> = {}): Promise<INestApplicationContext> {
  return createWorkerContext(workerConfigFor(t, overrides), { redisConnectTimeoutMs: 5_000 });
}

async function until<T>(what: string, read: () => T | Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not reached in ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let t: TestApp;
let w: AccountWorld;
let worker: INestApplicationContext | null = null;
const receivers: Receiver[] = [];

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
});
afterEach(async () => {
  await worker?.close();
  worker = null;
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});
afterAll(() => t.close());

async function receiver(): Promise<Receiver> {
  const started = await new Receiver().start();
  receivers.push(started);
  return started;
}

async function endpoint(url: string, extra: Record<string, unknown> = {}) {
  const response = await t.request('POST', `/accounts/${w.accountId}/webhooks`, {
    token: w.tokens.admin,
    body: { url, eventTypes: ['roster.user.created', 'roster.user.deactivated'], ...extra },
  });
  return expectStatus(response, 201).body as { id: string; secret: string };
}

async function createUser(tenantId = w.tenantId): Promise<string> {
  const username = `hook-${Math.random().toString(36).slice(2)}`;
  const response = await t.request('POST', `/tenants/${tenantId}/users`, { token: w.tokens.admin, body: { username } });
  return expectStatus(response, 201).body.id;
}

async function deliveries(webhookId: string) {
  const response = await t.request('GET', `/webhooks/${webhookId}/deliveries?limit=200`, { token: w.tokens.admin });
  return expectStatus(response, 200).body.items as {
    id: string;
    eventId: string;
    status: string;
    attempt: number;
    error: string | null;
    responseStatus: number | null;
  }[];
}

describe('webhook delivery', () => {
  it('delivers each subscribed change once, as a CloudEvent signed per Standard Webhooks', async () => {
    const hooks = await receiver();
    const hook = await endpoint(hooks.url);
    worker = await startWorker(t);
    const userId = await createUser();
    expectStatus(
      await t.request('PATCH', `/tenants/${w.tenantId}/users/${userId}`, {
        token: w.tokens.admin,
        body: { name: 'Ada' },
      }),
      200,
    );
    expectStatus(
      await t.request('POST', `/tenants/${w.tenantId}/users/${userId}/deactivate`, { token: w.tokens.admin }),
      200,
    );

    const events = await until(
      'two events',
      () => hooks.events(hook.secret),
      (list) => list.length >= 2,
    );
    // Deliveries run side by side, so they may arrive in either order (a receiver orders by `time`).
    expect(events.map((event) => event.type).sort()).toEqual(['roster.user.created', 'roster.user.deactivated']);
    const request = hooks.requests.find((sent) => JSON.parse(sent.body).type === 'roster.user.created')!;
    expect(request.headers['content-type']).toBe('application/cloudevents+json');
    const created = JSON.parse(request.body);
    expect(created).toMatchObject({
      specversion: '1.0',
      type: 'roster.user.created',
      source: `/accounts/${w.accountId}/tenants/${w.tenantId}`,
      subject: `users/${userId}`,
      datacontenttype: 'application/json',
      data: {
        accountId: w.accountId,
        tenantId: w.tenantId,
        before: null,
        after: expect.objectContaining({ id: userId }),
      },
    });
    expect(request.headers['webhook-id']).toBe(created.id);
    // The id is the change's: the audit trail and the webhook name the same event.
    const audit = await t.db.query(`SELECT id FROM audit_events WHERE target_id = $1 AND action = 'user.created'`, [
      userId,
    ]);
    expect(created.id).toBe(audit.rows[0].id);
    // A tampered body does not verify.
    expect(() =>
      new Webhook(hook.secret).verify(`${request.body} `, request.headers as Record<string, string>),
    ).toThrow();

    const log = await until(
      'log',
      () => deliveries(hook.id),
      (items) => items.length >= 2,
    );
    expect(log.every((item) => item.status === 'succeeded' && item.responseStatus === 204 && item.attempt === 1)).toBe(
      true,
    );
  });

  it('sends every change exactly once to a deduplicating receiver, however often the fan-out runs', async () => {
    const hooks = await receiver();
    const hook = await endpoint(hooks.url, { eventTypes: ['roster.user.created'] });
    worker = await startWorker(t);
    const ids = await Promise.all(Array.from({ length: 30 }, () => createUser()));
    const events = await until(
      '30 events',
      () => hooks.events(hook.secret),
      (list) => list.length >= 30,
    );
    expect(events.map((event) => event.subject).sort()).toEqual(ids.map((id) => `users/${id}`).sort());
    // Fanning out again finds nothing new; nothing is sent twice.
    const webhooks = new Queue('webhooks', { connection: { url: t.config.redisUrl }, prefix: t.config.queuePrefix });
    await webhooks.add('webhooks.fan-out', {});
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await webhooks.close();
    expect(hooks.requests.length).toBe(30);
  });

  it('only sends the tenants an endpoint names', async () => {
    const hooks = await receiver();
    const hook = await endpoint(hooks.url, { tenantIds: [w.otherTenantId] });
    worker = await startWorker(t);
    await createUser(w.tenantId);
    const wanted = await createUser(w.otherTenantId);
    const events = await until(
      'one event',
      () => hooks.events(hook.secret),
      (list) => list.length >= 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hooks.events(hook.secret).map((event) => event.subject)).toEqual([`users/${wanted}`]);
    expect(events).toHaveLength(1);
  });

  it('retries with backoff, then disables the endpoint and says why', async () => {
    const hooks = await receiver();
    hooks.status = 500;
    const hook = await endpoint(hooks.url);
    worker = await startWorker(t, { webhookRetryBaseMs: 100, webhookMaxAttempts: 3 });
    await createUser();
    const log = await until(
      'three attempts',
      () => deliveries(hook.id),
      (items) => items.length >= 3,
    );
    expect(log.map((item) => [item.attempt, item.status, item.responseStatus])).toEqual([
      [3, 'failed', 500],
      [2, 'failed', 500],
      [1, 'failed', 500],
    ]);
    expect(log[0]!.error).toBe('the receiver answered 500');
    // Backoff: the second attempt about 100 ms after the first, the third about 200 ms after the second (±20 %).
    const [first, second, third] = hooks.requests.map((request) => request.at);
    expect(second! - first!).toBeGreaterThanOrEqual(80);
    expect(third! - second!).toBeGreaterThanOrEqual(160);
    const read = await until(
      'disabled',
      async () => expectStatus(await t.request('GET', `/webhooks/${hook.id}`, { token: w.tokens.admin }), 200).body,
      (body) => body.enabled === false,
    );
    expect(read.disabledReason).toMatch(/failed 3 attempts; the last: the receiver answered 500/);

    // Fixed and enabled again, a redelivery from the log arrives (same event id).
    hooks.status = 200;
    expectStatus(
      await t.request('PATCH', `/webhooks/${hook.id}`, { token: w.tokens.admin, body: { enabled: true } }),
      200,
    );
    const redelivered = await t.request('POST', `/webhooks/${hook.id}/deliveries/${log[0]!.id}/redeliver`, {
      token: w.tokens.admin,
    });
    expect(expectStatus(redelivered, 202).body.eventId).toBe(log[0]!.eventId);
    await until(
      'redelivered',
      () => hooks.requests.length,
      (count) => count >= 4,
    );
    expect(hooks.requests[3]!.headers['webhook-id']).toBe(log[0]!.eventId);
  });

  it('keeps delivering to a fast endpoint while a slow one hangs', async () => {
    const slow = await receiver();
    slow.delayMs = 2_000;
    const fast = await receiver();
    const slowHook = await endpoint(slow.url, { eventTypes: ['roster.user.created'] });
    const fastHook = await endpoint(fast.url, { eventTypes: ['roster.user.created'] });
    worker = await startWorker(t);
    const started = Date.now();
    await Promise.all(Array.from({ length: 20 }, () => createUser()));
    await until(
      'fast endpoint got all 20',
      () => fast.events(fastHook.secret).length,
      (count) => count >= 20,
      3_500,
    );
    expect(Date.now() - started).toBeLessThan(3_500);
    // The slow one never has more than 4 requests in flight from this worker, and gets everything in the end.
    expect(slow.requests.length).toBeLessThanOrEqual(4);
    await until(
      'slow endpoint got all 20',
      () => slow.events(slowHook.secret).length,
      (count) => count >= 20,
      30_000,
    );
  }, 90_000);

  it('deletes an endpoint while its deliveries are running, and stops sending to it', async () => {
    const hooks = await receiver();
    hooks.delayMs = 20;
    const hook = await endpoint(hooks.url, { eventTypes: ['roster.user.created'] });
    worker = await startWorker(t);
    await Promise.all(Array.from({ length: 40 }, () => createUser()));
    await until(
      'deliveries under way',
      () => hooks.requests.length,
      (count) => count >= 3,
    );
    expectStatus(await t.request('DELETE', `/webhooks/${hook.id}`, { token: w.tokens.admin }), 204);
    const messages = await t.db.query('SELECT count(*)::int AS n FROM webhook_messages WHERE endpoint_id = $1', [
      hook.id,
    ]);
    expect(messages.rows[0].n).toBe(0);
    const sent = hooks.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    // At most the requests already in flight when it went (4 at a time to one endpoint).
    expect(hooks.requests.length - sent).toBeLessThanOrEqual(4);
  });

  it('refuses private addresses when configuration does not allow them', async () => {
    const hooks = await receiver();
    const hook = await endpoint(hooks.url);
    worker = await startWorker(t, { webhookAllowPrivateAddresses: false, webhookMaxAttempts: 1 });
    await createUser();
    const log = await until(
      'refused',
      () => deliveries(hook.id),
      (items) => items.length >= 1,
    );
    expect(log[0]).toMatchObject({ status: 'failed', responseStatus: null });
    expect(log[0]!.error).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(hooks.requests).toHaveLength(0);
  });

  it('pings on request, and signs with both secrets during a rotation', async () => {
    const hooks = await receiver();
    const hook = await endpoint(hooks.url);
    worker = await startWorker(t);
    const rotated = expectStatus(
      await t.request('POST', `/webhooks/${hook.id}/secret/rotate`, { token: w.tokens.admin }),
      200,
    ).body;
    const ping = expectStatus(
      await t.request('POST', `/webhooks/${hook.id}/ping`, { token: w.tokens.admin }),
      202,
    ).body;
    await until(
      'ping',
      () => hooks.requests.length,
      (count) => count >= 1,
    );
    const [request] = hooks.requests;
    expect(request!.headers['webhook-id']).toBe(ping.eventId);
    expect((request!.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    // Either secret verifies: the receiver can switch at its own pace.
    for (const secret of [hook.secret, rotated.secret]) {
      expect(new Webhook(secret).verify(request!.body, request!.headers as Record<string, string>)).toMatchObject({
        type: 'roster.ping',
        subject: `webhooks/${hook.id}`,
      });
    }
  });

  it('sends every event type of the catalog, each change once, to an endpoint that subscribed to all', async () => {
    const hooks = await receiver();
    const all = WEBHOOK_EVENT_TYPE_NAMES.filter((type) => type !== 'roster.ping');
    const hook = await endpoint(hooks.url, { eventTypes: all });
    worker = await startWorker(t);
    const admin = async (method: string, path: string, body?: unknown, status = 200) =>
      expectStatus(await t.request(method, path, { token: w.tokens.admin, body }), status).body;

    // A limit the account goes over (two internal users, a limit of one): the recount after these changes moves
    // its status (usage.limit.changed).
    await createUser();
    await createUser();
    const subscription = { internalLimit: 1 };
    expectStatus(
      await t.request('PATCH', `/accounts/${w.accountId}`, { token: t.adminToken, body: { subscription } }),
      200,
    );
    const env = await admin(
      'POST',
      `/accounts/${w.accountId}/environments`,
      { name: 'Hooks', kind: 'production' },
      201,
    );
    await admin('PATCH', `/environments/${env.id}`, { name: 'Hooks EU' });
    await admin('PUT', `/environments/${env.id}/internal-domains`, { domains: ['hooks.example'] });
    const roles = [{ key: 'crm.view', name: 'View' }];
    await admin('PUT', `/environments/${env.id}/applications/crm`, { name: 'CRM', roles }, 201);
    await admin('PUT', `/environments/${env.id}/applications/crm`, { name: 'CRM', roles: [] });
    await admin('PUT', `/environments/${env.id}/applications/crm`, { name: 'CRM', roles });
    const tenant = await admin('POST', `/environments/${env.id}/tenants`, { name: 'Hook Co' }, 201);
    const path = `/tenants/${tenant.id}`;
    await admin('PATCH', path, { name: 'Hook Company' });
    await admin('PUT', `${path}/internal-domains`, { domains: ['hookco.example'] });
    const password = 'correct horse battery staple';
    const user = await admin('POST', `${path}/users`, { username: 'hooked', password }, 201);
    await admin('PATCH', `${path}/users/${user.id}`, { name: 'Hooked User' });
    await admin('PUT', `${path}/users/${user.id}/password`, { password: `${password}!` }, 204);
    const group = await admin('POST', `${path}/groups`, { name: 'Hookers' }, 201);
    await admin('PATCH', `${path}/groups/${group.id}`, { name: 'Hook people' });
    await admin('PUT', `${path}/groups/${group.id}/members/${user.id}`, undefined, 204);
    await admin('DELETE', `${path}/groups/${group.id}/members/${user.id}`, undefined, 204);
    await admin('PUT', `${path}/users/${user.id}/roles/crm.view`, undefined, 204);
    await admin('DELETE', `${path}/users/${user.id}/roles/crm.view`, undefined, 204);
    await admin('PUT', `${path}/groups/${group.id}/roles/crm.view`, undefined, 204);
    await admin('DELETE', `${path}/groups/${group.id}/roles/crm.view`, undefined, 204);
    await admin('POST', `${path}/users/${user.id}/deactivate`);
    await admin('POST', `${path}/users/${user.id}/activate`);
    for (let i = 0; i < 3; i += 1) {
      const body = { username: 'hooked', password: 'wrong password' };
      expectStatus(await t.request('POST', `${path}/auth/login`, { body, remoteAddress: '198.51.100.7' }), 401);
    }
    await admin('DELETE', `${path}/groups/${group.id}`, undefined, 204);
    await admin('DELETE', `${path}/users/${user.id}`, undefined, 204);
    await admin('DELETE', path, undefined, 204);
    await admin('DELETE', `/environments/${env.id}`, undefined, 204);
    // A billing period that ended: the worker's hourly closing, asked for now, closes and tells it.
    await t.db.query(`UPDATE accounts SET created_at = now() - interval '40 days' WHERE id = $1`, [w.accountId]);
    const maintenance = new Queue('maintenance', {
      connection: { url: t.config.redisUrl },
      prefix: t.config.queuePrefix,
    });
    await maintenance.add('usage.close-statements', {});
    await maintenance.close();

    const events = await until(
      'every type',
      () => hooks.events(hook.secret),
      (list) => all.every((type) => list.some((event) => event.type === type)),
      20_000,
    );
    expect([...new Set(events.map((event) => event.type))].sort()).toEqual([...all].sort());
    // Each change once: as many events as audit rows of those kinds since the endpoint was made.
    expect(hooks.requests.length).toBe(events.length);
  });
});
