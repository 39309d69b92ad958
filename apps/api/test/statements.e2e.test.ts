/**
 * Billing statements through the API (API.md §8), closed by the real worker from snapshots the worker's
 * recount wrote: list newest first, one as JSON or CSV, who may read them, and bad input.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { billingPeriodOf } from '@roster/domain';
import { createWorkerContext } from '@roster/worker/factory';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type TestApp, startTestApp } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';
import { workerConfigFor } from './worker-config.js';

let t: TestApp;
let w: AccountWorld;
let other: AccountWorld;
let worker: INestApplicationContext;
const DAY = 86_400_000;
const previous = billingPeriodOf(1, new Date(billingPeriodOf(1, new Date()).from.getTime() - DAY));

beforeAll(async () => {
  t = await startTestApp();
  [w, other] = [await createAccountWorld(t), await createAccountWorld(t)];
  worker = await createWorkerContext(workerConfigFor(t), { redisConnectTimeoutMs: 5_000 });
  // Two users counted by the worker, their snapshot moved back into the previous period, and the account made
  // old enough to have had one: what a month of history looks like, shortened.
  for (const username of ['stmt-a', 'stmt-b']) {
    const body = { username, email: `${username}@example.com` };
    expectStatus(await t.request('POST', `/tenants/${w.tenantId}/users`, { token: w.tokens.admin, body }), 201);
  }
  const { jobId } = expectStatus(
    await t.request('POST', `/accounts/${w.accountId}/usage/recount`, { token: w.tokens.admin }),
    202,
  ).body;
  for (let i = 0; i < 200; i += 1) {
    const job = await t.request('GET', `/jobs/${jobId}`, { token: w.tokens.admin });
    if (job.body.state === 'completed') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Moved back as a whole, so the snapshots keep their order (the first, of the empty account, stays first).
  const moved = new Date(previous.from.getTime() + 3 * DAY);
  for (const table of ['account_usage', 'environment_usage', 'tenant_usage']) {
    await t.db.query(
      `UPDATE ${table} SET data_as_of = $2::timestamptz + (data_as_of - (SELECT min(data_as_of) FROM ${table} WHERE account_id = $1))
        WHERE account_id = $1`,
      [w.accountId, moved],
    );
  }
  await t.db.query('UPDATE accounts SET created_at = $2 WHERE id = ANY($1)', [
    [w.accountId, other.accountId],
    previous.from,
  ]);
  const maintenance = new Queue('maintenance', {
    connection: { url: t.config.redisUrl },
    prefix: t.config.queuePrefix,
  });
  const job = await maintenance.add('usage.close-statements', {});
  for (let i = 0; i < 200 && !(await job.isCompleted()); i += 1) await new Promise((r) => setTimeout(r, 50));
  await maintenance.close();
}, 60_000);

afterAll(async () => {
  await worker?.close();
  await t?.close();
});

const day = previous.from.toISOString().slice(0, 10);

describe('billing statements', () => {
  it('lists the closed periods newest first, with the account’s figures', async () => {
    const list = expectStatus(
      await t.request('GET', `/accounts/${w.accountId}/usage/statements`, { token: w.tokens.billing }),
      200,
    ).body;
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      period: { from: previous.from.toISOString(), to: previous.to.toISOString() },
      account: { named: { peak: 2, end: 2 } },
    });
  });

  it('serves one statement as JSON, the same for every reader and every read', async () => {
    const path = `/accounts/${w.accountId}/usage/statements/${day}`;
    const first = expectStatus(await t.request('GET', path, { token: w.tokens.owner }), 200).body;
    expect(first).toMatchObject({
      accountId: w.accountId,
      billingDay: 1,
      model: 'internal-external',
      // No internal domains anywhere: every user is internal (DESIGN.md §3).
      account: {
        internal: { peak: 2, end: 2 },
        external: { peak: 0 },
        named: { peak: 2, average: expect.any(Number) },
      },
      environments: [
        expect.objectContaining({ environmentId: w.environmentId, named: expect.objectContaining({ peak: 2 }) }),
      ],
      // Per client tenant: Tenant One's two users; Tenant Two had none, so nothing to invoice.
      tenants: [
        expect.objectContaining({
          tenantId: w.tenantId,
          environmentId: w.environmentId,
          name: 'Tenant One',
          named: expect.objectContaining({ peak: 2, end: 2 }),
        }),
      ],
    });
    const again = expectStatus(
      await t.request('GET', `${path.slice(0, -10)}${previous.from.toISOString()}`, { token: w.keys.admin }),
      200,
    ).body;
    expect(again).toEqual(first);
  });

  it('serves CSV on Accept: text/csv or ?format=csv', async () => {
    const path = `/accounts/${w.accountId}/usage/statements/${day}`;
    for (const response of [
      await t.request('GET', path, { token: w.tokens.billing, headers: { accept: 'text/csv' } }),
      await t.request('GET', `${path}?format=csv`, { token: w.tokens.billing }),
    ]) {
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toContain('text/csv');
      expect(response.headers['content-disposition']).toContain(`statement-${day}.csv`);
      const lines = String(response.body).trim().split('\r\n');
      expect(lines[0]).toBe('scope,id,name,dimension,peak,p95,average,end,limit,status');
      expect(lines).toContain(`account,${w.accountId},,named,2,2,2,2,,`);
      expect(lines.filter((line) => line.startsWith('environment,'))).toHaveLength(3);
      expect(lines).toContain(`tenant,${w.tenantId},Tenant One,named,2,2,2,2,,`);
    }
  });

  it('answers 400 for a bad period and 404 for one without a statement or of another account', async () => {
    const base = `/accounts/${w.accountId}/usage/statements`;
    const bad = expectStatus(await t.request('GET', `${base}/last-month`, { token: w.tokens.admin }), 400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'periodStart' })]);
    expectStatus(await t.request('GET', `${base}/${day}?format=pdf`, { token: w.tokens.admin }), 400);
    expectStatus(await t.request('GET', `${base}/2020-01-01`, { token: w.tokens.admin }), 404);
    expectStatus(await t.request('GET', `${base}/${day}`, { token: other.tokens.owner }), 404);
    expectStatus(await t.request('GET', base, { token: w.tokens['tenant-admin'] }), 403);
  });
});
