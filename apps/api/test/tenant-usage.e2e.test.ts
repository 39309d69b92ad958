/**
 * Usage per client tenant (API.md §7, issue 16) through the API, counted by the real worker: the latest counts of
 * every tenant, sorted and paged, how they relate to the account's total, and one tenant's history.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerContext } from '@roster/worker/factory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type TestApp, startTestApp } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';
import { workerConfigFor } from './worker-config.js';

let t: TestApp;
let w: AccountWorld;
let other: AccountWorld;
let worker: INestApplicationContext;
let stagingTenantId: string;

/**
 * Whether a completed recount left counts at least as fresh as the data it read: its own, or a newer run's
 * when a debounced recount of the seeding's writes finished first and this one stood aside ('superseded').
 */
const countWritten = (result: { skipped?: boolean; reason?: string } | undefined) =>
  result?.skipped === false || result?.reason === 'superseded';

async function recount(): Promise<void> {
  const { jobId } = expectStatus(
    await t.request('POST', `/accounts/${w.accountId}/usage/recount`, { token: w.tokens.admin }),
    202,
  ).body;
  for (let i = 0; i < 400; i += 1) {
    const job = await t.request('GET', `/jobs/${jobId}`, { token: w.tokens.admin });
    if (job.body.state === 'completed' && countWritten(job.body.result)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The recount did not complete');
}

async function addUser(tenantId: string, username: string, email: string | null, isActive = true): Promise<void> {
  const body = { username, email, isActive };
  expectStatus(await t.request('POST', `/tenants/${tenantId}/users`, { token: w.tokens.admin, body }), 201);
}

const list = async (query = '', token = w.tokens.billing) =>
  expectStatus(await t.request('GET', `/accounts/${w.accountId}/usage/tenants${query}`, { token }), 200).body;

beforeAll(async () => {
  t = await startTestApp();
  [w, other] = [await createAccountWorld(t), await createAccountWorld(t)];
  worker = await createWorkerContext(workerConfigFor(t), { redisConnectTimeoutMs: 5_000 });
  expectStatus(
    await t.request('PUT', `/environments/${w.environmentId}/internal-domains`, {
      token: w.tokens.admin,
      body: { domains: ['acme.com'] },
    }),
    200,
  );
  // Tenant One: one internal, two external, one inactive. Tenant Two: one external, shared with Tenant One.
  await addUser(w.tenantId, 'ann', 'ann@acme.com');
  await addUser(w.tenantId, 'bob', 'bob@else.org');
  await addUser(w.tenantId, 'sam', 'sam@shared.org');
  await addUser(w.tenantId, 'old', 'old@else.org', false);
  await addUser(w.otherTenantId, 'sam', 'sam@shared.org');
  const staging = await list('?kind=non-production');
  stagingTenantId = staging.items[0].tenantId;
  await addUser(stagingTenantId, 'tester', 'tester@else.org');
  await addUser(stagingTenantId, 'tester2', 'tester2@else.org');
  await recount();
}, 60_000);

afterAll(async () => {
  await worker?.close();
  await t?.close();
});

describe('usage per client tenant', () => {
  it('lists every tenant with its counts, most named users first, and how they relate to the total', async () => {
    // Tenant One's sam counts there and in Tenant Two: under sum, in each.
    const page = await list();
    expect(page.aggregation).toBe('sum');
    expect(page.attribution).toMatch(/add up to the account total/);
    expect(page.nextCursor).toBeNull();
    const counts = page.items.map((item: Record<string, unknown>) => [
      item.name,
      (item.environment as { kind: string }).kind,
      item.internal,
      item.external,
      item.named,
      item.inactive,
    ]);
    expect(counts).toEqual([
      ['Tenant One', 'production', 1, 2, 3, 1],
      // No internal domain set for Staging: every registered user there is internal (DESIGN.md §3).
      ['Staging Tenant', 'non-production', 2, 0, 2, 0],
      ['Tenant Two', 'production', 0, 1, 1, 0],
    ]);
    expect(page.items[0]).toMatchObject({
      tenantId: w.tenantId,
      environment: { id: w.environmentId, name: 'Production' },
      anonymous: 0,
      changedAt: expect.any(String),
      computedAt: expect.any(String),
    });
  });

  it('adds up, over the production tenants, to the account’s total under sum', async () => {
    const production = (await list('?kind=production')).items;
    const usage = expectStatus(
      await t.request('GET', `/accounts/${w.accountId}/usage`, { token: w.tokens.billing }),
      200,
    ).body;
    for (const dimension of ['internal', 'external', 'named'] as const) {
      const sum = production.reduce((total: number, item: Record<string, number>) => total + item[dimension]!, 0);
      expect(sum, dimension).toBe(usage[dimension]);
    }
  });

  it('sorts by name or a count either way and pages with a cursor; filters by environment', async () => {
    expect((await list('?sort=name')).items.map((i: { name: string }) => i.name)).toEqual([
      'Staging Tenant',
      'Tenant One',
      'Tenant Two',
    ]);
    expect((await list('?sort=inactive')).items.map((i: { name: string }) => i.name).at(-1)).toBe('Tenant One');
    const first = await list('?sort=-named&limit=2&includeTotal=true');
    expect(first.total).toBe(3);
    expect(first.items.map((i: { name: string }) => i.name)).toEqual(['Tenant One', 'Staging Tenant']);
    const second = await list(`?sort=-named&limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i: { name: string }) => i.name)).toEqual(['Tenant Two']);
    expect(second.nextCursor).toBeNull();
    const one = await list(`?tenantId=${w.otherTenantId}`);
    expect(one.items.map((i: { name: string }) => i.name)).toEqual(['Tenant Two']);
    expect((await list(`?tenantId=${other.tenantId}`)).items).toEqual([]);
    const staging = await list(`?environmentId=${w.otherEnvironmentId}`);
    expect(staging.items.map((i: { tenantId: string }) => i.tenantId)).toEqual([stagingTenantId]);
  });

  it('shows a tenant created after the last count with null counts, last when sorted by a count', async () => {
    const created = expectStatus(
      await t.request('POST', `/environments/${w.environmentId}/tenants`, {
        token: w.tokens.admin,
        body: { name: 'Fresh Tenant' },
      }),
      201,
    ).body;
    const items = (await list('?sort=-named')).items;
    expect(items.at(-1)).toMatchObject({ tenantId: created.id, named: null, computedAt: null, changedAt: null });
    expectStatus(await t.request('DELETE', `/tenants/${created.id}`, { token: w.tokens.admin }), 204);
  });

  it('says how a person in several tenants is attributed under unique aggregation', async () => {
    const patch = (aggregation: string) =>
      t.request('PATCH', `/accounts/${w.accountId}`, {
        token: t.adminToken,
        body: { subscription: { model: 'internal-external', aggregation } },
      });
    expectStatus(await patch('unique'), 200);
    try {
      const page = await list();
      expect(page.aggregation).toBe('unique');
      expect(page.attribution).toMatch(/counted in each of them/);
      expect(page.attribution).toMatch(/counts that person once/);
    } finally {
      expectStatus(await patch('sum'), 200);
    }
  });

  it('answers 400 for a bad sort, filter or cursor, 403 to a tenant-admin, 404 for another account', async () => {
    for (const query of ['?sort=size', '?kind=test', '?environmentId=nope', '?cursor=bogus', '?limit=0']) {
      const response = await t.request('GET', `/accounts/${w.accountId}/usage/tenants${query}`, {
        token: w.tokens.billing,
      });
      expect(response.status, query).toBe(400);
      expect(response.body.detail, query).toEqual(expect.any(String));
    }
    expectStatus(
      await t.request('GET', `/accounts/${w.accountId}/usage/tenants`, { token: w.tokens['tenant-admin'] }),
      403,
    );
    expectStatus(await t.request('GET', `/accounts/${w.accountId}/usage/tenants`, { token: other.tokens.owner }), 404);
  });
});

describe('a client tenant’s usage history', () => {
  const history = (tenantId: string, query: string, token = w.tokens.billing) =>
    t.request('GET', `/tenants/${tenantId}/usage/history${query}`, { token });

  it('has the counts of every bucket since the first count, also where nothing changed', async () => {
    await addUser(w.tenantId, 'new', 'new@acme.com');
    await recount();
    const hours = expectStatus(await history(w.tenantId, '?granularity=hour'), 200).body.items;
    expect(hours.length).toBeGreaterThanOrEqual(1);
    expect(hours.at(-1)).toMatchObject({ internal: 2, external: 2, named: 4 });
    const days = expectStatus(await history(w.otherTenantId, ''), 200).body.items;
    expect(days.at(-1)).toMatchObject({ internal: 0, external: 1, named: 1 });
    // Before the first count nothing is known.
    const before = new Date(Date.now() - 10 * 86_400_000).toISOString();
    const earlier = new Date(Date.now() - 9 * 86_400_000).toISOString();
    expect(expectStatus(await history(w.tenantId, `?from=${before}&to=${earlier}`), 200).body.items).toEqual([]);
  });

  it('answers 400 for a bad window, 403 to a tenant-admin, 404 for a tenant of another account', async () => {
    expect((await history(w.tenantId, '?granularity=minute')).status).toBe(400);
    const from = new Date().toISOString();
    expect((await history(w.tenantId, `?from=${from}&to=${from}`)).status).toBe(400);
    expectStatus(await history(w.tenantId, '', w.tokens['tenant-admin']), 403);
    expectStatus(await history(other.tenantId, ''), 404);
  });
});
