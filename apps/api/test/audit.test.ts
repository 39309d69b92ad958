/** Every change leaves an audit event with actor, before and after, written with the change itself. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_TRAIL } from './changes.js';
import { startTestApp, type TestApp } from './harness.js';
import { type AccountWorld, createAccountWorld, PASSWORD } from './world.js';

let t: TestApp;
let w: AccountWorld;
let ownerId: string;
beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  ownerId = w.operatorIds.owner;
}, 60_000);
afterAll(async () => t?.close());

async function lastEvent(targetId: string) {
  const { body } = await t.request('GET', `/accounts/${w.accountId}/audit-events?targetId=${targetId}&limit=1`, {
    token: w.tokens.admin,
  });
  return body.items[0];
}

describe('audit events', () => {
  it('record account changes with before and after', async () => {
    await t.request('PATCH', `/accounts/${w.accountId}`, { token: w.tokens.owner, body: { name: 'Renamed Co' } });
    const event = await lastEvent(w.accountId);
    const { body: owner } = await t.request('GET', `/operators/${ownerId}`, { token: w.tokens.owner });
    expect(event).toMatchObject({
      action: 'account.updated',
      actorType: 'operator',
      actorId: ownerId,
      actorName: owner.username,
      targetType: 'account',
      before: { name: expect.not.stringMatching('Renamed Co') },
      after: { name: 'Renamed Co' },
    });
  });

  it('record the API key as the actor when a key makes the change', async () => {
    const { body: env } = await t.request('POST', `/accounts/${w.accountId}/environments`, {
      token: w.keys.admin,
      body: { name: 'Keyed', kind: 'production' },
    });
    const event = await lastEvent(env.id);
    expect(event).toMatchObject({
      action: 'environment.created',
      actorType: 'api-key',
      actorName: 'admin key',
      before: null,
      after: { name: 'Keyed', kind: 'production' },
    });
    const { body: keys } = await t.request('GET', `/accounts/${w.accountId}/api-keys`, { token: w.tokens.owner });
    expect(keys.items.map((k: { id: string }) => k.id)).toContain(event.actorId);
  });

  it.each([
    [
      'environment.updated',
      async () =>
        t.request('PATCH', `/environments/${w.environmentId}`, {
          token: w.tokens.admin,
          body: { classifyAllInternal: true },
        }),
      () => w.environmentId,
      { classifyAllInternal: false },
      { classifyAllInternal: true },
    ],
    [
      'environment.internal-domains.replaced',
      async () =>
        t.request('PUT', `/environments/${w.environmentId}/internal-domains`, {
          token: w.tokens.admin,
          body: { domains: ['a.com'] },
        }),
      () => w.environmentId,
      { domains: [] },
      { domains: ['a.com'] },
    ],
    [
      'tenant.updated',
      async () => t.request('PATCH', `/tenants/${w.tenantId}`, { token: w.tokens.admin, body: { name: 'Tenant Uno' } }),
      () => w.tenantId,
      { name: 'Tenant One' },
      { name: 'Tenant Uno' },
    ],
    [
      'tenant.internal-domains.replaced',
      async () =>
        t.request('PUT', `/tenants/${w.tenantId}/internal-domains`, {
          token: w.tokens.admin,
          body: { domains: ['b.com'] },
        }),
      () => w.tenantId,
      { domains: [] },
      { domains: ['b.com'] },
    ],
    [
      'operator.updated',
      async () =>
        t.request('PATCH', `/operators/${w.operatorIds.billing}`, { token: w.tokens.owner, body: { role: 'admin' } }),
      () => w.operatorIds.billing,
      { role: 'billing' },
      { role: 'admin' },
    ],
  ] as const)('%s', async (action, change, target, before, after) => {
    expect((await change()).status).toBe(200);
    expect(await lastEvent(target())).toMatchObject({ action, before, after });
  });

  it('name the actor as it is called today, and no longer once it is deleted', async () => {
    const username = `renamer-${Date.now()}`;
    const { body: operator } = await t.request('POST', `/accounts/${w.accountId}/operators`, {
      token: w.tokens.owner,
      body: { username, password: PASSWORD, role: 'admin' },
    });
    const token = await t.login(username, PASSWORD);
    const { body: env } = await t.request('POST', `/accounts/${w.accountId}/environments`, {
      token,
      body: { name: `Named ${username}`, kind: 'non-production' },
    });
    expect(await lastEvent(env.id)).toMatchObject({ actorId: operator.id, actorName: username });

    await t.request('DELETE', `/operators/${operator.id}`, { token: w.tokens.owner });
    expect(await lastEvent(env.id)).toMatchObject({ actorId: operator.id, actorName: null });
  });

  it('record creations and deletions, never secrets', async () => {
    const { body: op } = await t.request('POST', `/accounts/${w.accountId}/operators`, {
      token: w.tokens.owner,
      body: { username: 'audited-op', password: PASSWORD, role: 'billing' },
    });
    const { body: key } = await t.request('POST', `/accounts/${w.accountId}/api-keys`, {
      token: w.tokens.owner,
      body: { name: 'audited', role: 'billing' },
    });
    await t.request('DELETE', `/operators/${op.id}`, { token: w.tokens.owner });
    await t.request('DELETE', `/api-keys/${key.id}`, { token: w.tokens.owner });
    expect(await lastEvent(op.id)).toMatchObject({
      action: 'operator.deleted',
      before: { username: 'audited-op' },
      after: null,
    });
    expect(await lastEvent(key.id)).toMatchObject({
      action: 'api-key.deleted',
      before: { name: 'audited' },
      after: null,
    });
    const { rows } = await t.db.query(`SELECT before::text || coalesce(after::text, '') AS text FROM ${AUDIT_TRAIL}`);
    const all = rows.map((r) => r.text).join('\n');
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(key.key);
    expect(all).not.toMatch(/password|hash/i);
  });

  it('record application declarations and tenant deletion', async () => {
    await t.request('PUT', `/environments/${w.environmentId}/applications/audited`, {
      token: w.tokens.admin,
      body: { name: 'Audited', roles: [{ key: 'aud.r', name: 'R' }] },
    });
    const { rows } = await t.db.query(`SELECT id FROM applications WHERE key = 'audited'`);
    expect(await lastEvent(rows[0].id)).toMatchObject({
      action: 'application.declared',
      after: { roles: [{ key: 'aud.r', isActive: true }] },
    });
    const { body: tenant } = await t.request('POST', `/environments/${w.environmentId}/tenants`, {
      token: w.tokens.admin,
      body: { name: 'Doomed' },
    });
    await t.request('DELETE', `/tenants/${tenant.id}`, { token: w.tokens.admin });
    expect(await lastEvent(tenant.id)).toMatchObject({
      action: 'tenant.deleted',
      tenantId: tenant.id,
      before: { name: 'Doomed' },
    });
  });

  it('filter by action prefix, actor and time, newest first, paging with a cursor', async () => {
    const all = await t.request(
      'GET',
      `/accounts/${w.accountId}/audit-events?action=tenant.&limit=2&includeTotal=true`,
      { token: w.tokens.admin },
    );
    expect(all.body.items.every((e: { action: string }) => e.action.startsWith('tenant.'))).toBe(true);
    expect(all.body.total).toBeGreaterThan(2);
    const next = await t.request(
      'GET',
      `/accounts/${w.accountId}/audit-events?action=tenant.&limit=2&cursor=${all.body.nextCursor}`,
      { token: w.tokens.admin },
    );
    expect(next.body.items[0].at <= all.body.items[1].at).toBe(true);
    expect(next.body.items[0].id).not.toBe(all.body.items[1].id);
    const byOwner = await t.request('GET', `/accounts/${w.accountId}/audit-events?actorId=${ownerId}`, {
      token: w.tokens.admin,
    });
    expect(byOwner.body.items.length).toBeGreaterThan(0);
    expect(byOwner.body.items.every((e: { actorId: string }) => e.actorId === ownerId)).toBe(true);
    const future = await t.request('GET', `/accounts/${w.accountId}/audit-events?from=2999-01-01T00:00:00Z`, {
      token: w.tokens.admin,
    });
    expect(future.body.items).toEqual([]);
  });

  it('page an account’s trail through its tenants’ changes and its own alike, newest first, each once', async () => {
    const { rows } = await t.db.query(
      `SELECT id, tenant_id FROM ${AUDIT_TRAIL} WHERE account_id = $1 ORDER BY id DESC`,
      [w.accountId],
    );
    // Both kinds are there (users of the world's tenant; the account's own environments, operators, keys).
    expect(new Set(rows.map((row) => row.tenant_id === null))).toEqual(new Set([true, false]));
    const seen: { id: string; tenantId: string | null }[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const after: string = cursor ? `&cursor=${cursor}` : '';
      const { body } = await t.request(
        'GET',
        `/accounts/${w.accountId}/audit-events?limit=3&includeTotal=true${after}`,
        {
          token: w.tokens.admin,
        },
      );
      expect(body.total).toBe(rows.length);
      seen.push(
        ...body.items.map((e: { id: string; tenantId: string | null }) => ({ id: e.id, tenantId: e.tenantId })),
      );
      cursor = body.nextCursor;
    }
    expect(seen).toEqual(rows.map((row) => ({ id: row.id, tenantId: row.tenant_id })));
    // A tenant's trail is its own changes only.
    const { body: ofTenant } = await t.request('GET', `/tenants/${w.tenantId}/audit-events?limit=200`, {
      token: w.tokens.admin,
    });
    expect(ofTenant.items.length).toBeGreaterThan(0);
    expect(ofTenant.items.every((e: { tenantId: string }) => e.tenantId === w.tenantId)).toBe(true);
  });

  it('is written in the same transaction: a failed change leaves no event', async () => {
    const {
      rows: [{ count: before }],
    } = await t.db.query(`SELECT count(*)::int AS count FROM ${AUDIT_TRAIL}`);
    const response = await t.request('DELETE', `/environments/${w.environmentId}`, { token: w.tokens.admin });
    expect(response.status).toBe(409);
    const {
      rows: [{ count: after }],
    } = await t.db.query(`SELECT count(*)::int AS count FROM ${AUDIT_TRAIL}`);
    expect(after).toBe(before);
  });
});
