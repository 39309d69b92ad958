/**
 * Webhook endpoints through the API (API.md §9): create with a secret shown once, list, change, rotate, delete,
 * the delivery log's checks; who may; every input checked; another account's endpoint does not exist.
 */
import { readFileSync } from 'node:fs';
import { WEBHOOK_EVENT_TYPE_NAMES, WEBHOOK_EVENT_TYPES } from '@roster/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_TRAIL } from './changes.js';
import { expectStatus, type TestApp, startTestApp } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
let other: AccountWorld;

beforeAll(async () => {
  t = await startTestApp();
  [w, other] = [await createAccountWorld(t), await createAccountWorld(t)];
});
afterAll(() => t.close());

const body = (extra: Record<string, unknown> = {}) => ({
  url: 'https://hooks.example.com/roster',
  eventTypes: ['roster.user.created', 'roster.user.deactivated'],
  ...extra,
});
const create = (token: string, extra: Record<string, unknown> = {}, accountId = w.accountId) =>
  t.request('POST', `/accounts/${accountId}/webhooks`, { token, body: body(extra) });

describe('webhook endpoints', () => {
  it('creates an endpoint whose secret is shown once, and records who did it', async () => {
    const created = expectStatus(await create(w.tokens.admin, { description: ' Billing sync ' }), 201).body;
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created).toMatchObject({
      accountId: w.accountId,
      url: 'https://hooks.example.com/roster',
      description: 'Billing sync',
      eventTypes: ['roster.user.created', 'roster.user.deactivated'],
      tenantIds: null,
      enabled: true,
      disabledReason: null,
      previousSecretExpiresAt: null,
    });
    const read = expectStatus(await t.request('GET', `/webhooks/${created.id}`, { token: w.tokens.owner }), 200).body;
    expect(read).not.toHaveProperty('secret');
    expect(JSON.stringify(read)).not.toContain(created.secret.slice(6));
    const stored = await t.db.query('SELECT secret::text FROM webhook_endpoints WHERE id = $1', [created.id]);
    expect(stored.rows[0].secret).not.toContain(created.secret.slice(6));

    const audit = await t.db.query(
      `SELECT action, actor_type, after FROM ${AUDIT_TRAIL} WHERE target_id = $1 ORDER BY id`,
      [created.id],
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        action: 'webhook.created',
        actor_type: 'operator',
        after: expect.objectContaining({ url: created.url }),
      }),
    ]);
    expect(JSON.stringify(audit.rows)).not.toContain(created.secret.slice(6));
  });

  it('lists, changes and deletes endpoints', async () => {
    const created = expectStatus(await create(w.keys.owner, { tenantIds: [w.tenantId] }), 201).body;
    const list = expectStatus(
      await t.request('GET', `/accounts/${w.accountId}/webhooks`, { token: w.tokens.admin }),
      200,
    );
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(created.id);

    const changed = expectStatus(
      await t.request('PATCH', `/webhooks/${created.id}`, {
        token: w.tokens.admin,
        body: {
          enabled: false,
          eventTypes: ['roster.group.member.added', 'roster.group.member.added'],
          tenantIds: null,
        },
      }),
      200,
    ).body;
    expect(changed).toMatchObject({ enabled: false, eventTypes: ['roster.group.member.added'], tenantIds: null });

    expectStatus(await t.request('DELETE', `/webhooks/${created.id}`, { token: w.tokens.admin }), 204);
    expectStatus(await t.request('GET', `/webhooks/${created.id}`, { token: w.tokens.admin }), 404);
    const actions = await t.db.query(`SELECT action FROM ${AUDIT_TRAIL} WHERE target_id = $1 ORDER BY id`, [
      created.id,
    ]);
    expect(actions.rows.map((row) => row.action)).toEqual(['webhook.created', 'webhook.updated', 'webhook.deleted']);
  });

  it('rotates the secret: a new one once, the old one still signing for 24 hours', async () => {
    const created = expectStatus(await create(w.tokens.admin), 201).body;
    const before = Date.now();
    const rotated = expectStatus(
      await t.request('POST', `/webhooks/${created.id}/secret/rotate`, { token: w.tokens.admin }),
      200,
    ).body;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    const read = expectStatus(await t.request('GET', `/webhooks/${created.id}`, { token: w.tokens.admin }), 200).body;
    const expires = Date.parse(read.previousSecretExpiresAt);
    expect(expires - before).toBeGreaterThan(23.9 * 3_600_000);
    expect(expires - before).toBeLessThan(24.1 * 3_600_000);
  });

  it('answers 400 with the field for every bad input', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'not a url' }, 'url'],
      [{ url: 'ftp://example.com/x' }, 'url'],
      [{ url: 'https://user:pass@example.com/x' }, 'url'],
      [{ url: `https://example.com/${'x'.repeat(2001)}` }, 'url'],
      [{ eventTypes: [] }, 'eventTypes'],
      [{ eventTypes: ['roster.user.exploded'] }, 'eventTypes.0'],
      [{ eventTypes: ['roster.ping'] }, 'eventTypes.0'],
      [{ tenantIds: ['nope'] }, 'tenantIds.0'],
      [{ tenantIds: [other.tenantId] }, 'tenantIds'],
      [{ enabled: 'yes' }, 'enabled'],
      [{ secret: 'whsec_mine' }, ''],
    ];
    for (const [extra, field] of cases) {
      const response = expectStatus(await create(w.tokens.admin, extra), 400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.detail, JSON.stringify(extra)).toBeTruthy();
      if (field)
        expect(
          response.body.errors.map((e: { field: string }) => e.field),
          JSON.stringify(extra),
        ).toContain(field);
    }
    const created = expectStatus(await create(w.tokens.admin), 201).body;
    expectStatus(await t.request('PATCH', `/webhooks/${created.id}`, { token: w.tokens.admin, body: {} }), 400);
    const badStatus = await t.request('GET', `/webhooks/${created.id}/deliveries?status=maybe`, {
      token: w.tokens.admin,
    });
    expect(expectStatus(badStatus, 400).body.errors[0].field).toBe('status');
  });

  it('is for owners and admins of the account only; another account’s endpoint does not exist', async () => {
    const created = expectStatus(await create(w.tokens.admin), 201).body;
    for (const role of ['tenant-admin', 'billing'] as const) {
      expectStatus(await create(w.tokens[role]), 403);
      expectStatus(await t.request('GET', `/webhooks/${created.id}`, { token: w.tokens[role] }), 403);
    }
    for (const [method, path] of [
      ['GET', `/webhooks/${created.id}`],
      ['PATCH', `/webhooks/${created.id}`],
      ['DELETE', `/webhooks/${created.id}`],
      ['POST', `/webhooks/${created.id}/ping`],
      ['POST', `/webhooks/${created.id}/secret/rotate`],
      ['GET', `/webhooks/${created.id}/deliveries`],
    ] as const) {
      const response = await t.request(method, path, {
        token: other.tokens.owner,
        body: method === 'PATCH' ? { enabled: true } : undefined,
      });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    expectStatus(
      await t.request('GET', '/webhooks/00000000-0000-7000-8000-000000000000', { token: w.tokens.admin }),
      404,
    );
    expectStatus(await t.request('GET', '/webhooks/not-an-id', { token: w.tokens.admin }), 404);
    const redeliver = await t.request(
      'POST',
      `/webhooks/${created.id}/deliveries/00000000-0000-7000-8000-000000000000/redeliver`,
      { token: w.tokens.admin },
    );
    expectStatus(redeliver, 404);
  });
});

describe('the event catalog', () => {
  it('is the OpenAPI document’s webhooks, one signed CloudEvents POST per event type', async () => {
    const document = expectStatus(await t.request('GET', '/api/openapi.json'), 200).body;
    expect(Object.keys(document.webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPE_NAMES].sort());
    const created = document.webhooks['roster.user.created'].post;
    expect(created.requestBody.content['application/cloudevents+json'].schema.$ref).toBe(
      '#/components/schemas/WebhookEvent',
    );
    expect(created.parameters.map((parameter: { name: string }) => parameter.name)).toEqual([
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
    ]);
    expect(document.components.schemas.WebhookEvent.properties.type.enum).toContain('roster.user.deactivated');
  });

  it('is in the README, every type with its meaning', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const listed = [...readme.matchAll(/^\| `(roster\.[a-z.-]+)` +\| (.+?) +\|$/gm)].map((match) => [
      match[1],
      match[2],
    ]);
    expect(Object.fromEntries(listed)).toEqual(WEBHOOK_EVENT_TYPES);
  });
});
