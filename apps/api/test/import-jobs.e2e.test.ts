/**
 * `GET /jobs/:jobId` for the job of an import (API.md §7, §10): the `jobId` that `POST …/imports` and `…/apply` answer
 * with is a job like a recount's, followed to its result, and judged by the import's access rule (owner, admin,
 * tenant-admin of its tenant; billing 403; another account, or a tenant outside a tenant-admin's, 404). The real API
 * and worker in one process, on one database and queue prefix.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerContext } from '@roster/worker/factory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, pollUntil, startTestApp, type TestApp } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';
import { workerConfigFor } from './worker-config.js';

let t: TestApp;
let w: AccountWorld;
let stranger: AccountWorld;
let worker: INestApplicationContext | undefined;

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  stranger = await createAccountWorld(t);
  worker = await createWorkerContext(workerConfigFor(t), { redisConnectTimeoutMs: 5_000 });
}, 90_000);

afterAll(async () => {
  await worker?.close();
  await t?.close();
});

/** Uploads a CSV as a dry run (or not) and answers `{importId, jobId}`. */
async function upload(body: string, options: { tenantId?: string; dryRun?: boolean } = {}) {
  const { tenantId = w.tenantId, dryRun = true } = options;
  const response = await t.request('POST', `/tenants/${tenantId}/imports?dryRun=${dryRun}`, {
    token: w.tokens.admin,
    body,
    headers: { 'content-type': 'text/csv' },
  });
  return expectStatus(response, 202).body as { importId: string; jobId: string };
}

const getJob = (jobId: string, token: string) => t.request('GET', `/jobs/${jobId}`, { token });

/** The job once finished (completed or failed), read by the tenant's admin. */
const finished = (jobId: string) =>
  pollUntil(
    `job ${jobId} finished`,
    async () => expectStatus(await getJob(jobId, w.tokens.admin), 200).body,
    (job) => job.state === 'completed' || job.state === 'failed',
  );

describe('GET /jobs/:jobId for an import’s job', () => {
  it('follows the upload’s job to its result, which agrees with the import, and then the apply’s', async () => {
    const { importId, jobId } = await upload('username,email\njob-1,one@acme.com\njob-2,two@example.com\n');
    expect(jobId).toEqual(expect.any(String));

    const checked = await finished(jobId);
    const imported = expectStatus(
      await t.request('GET', `/tenants/${w.tenantId}/imports/${importId}`, {
        token: w.tokens.admin,
      }),
      200,
    ).body;
    expect(imported).toMatchObject({ state: 'validated', total: 2, created: 2, failed: 0 });
    expect(checked).toEqual({
      id: jobId,
      name: 'imports.process',
      state: 'completed',
      progress: 100,
      result: {
        importId,
        state: 'validated',
        total: imported.total,
        created: imported.created,
        updated: imported.updated,
        unchanged: imported.unchanged,
        failed: imported.failed,
        batches: imported.batches,
      },
      failedReason: null,
    });

    const applied = expectStatus(
      await t.request('POST', `/tenants/${w.tenantId}/imports/${importId}/apply`, { token: w.tokens.admin }),
      202,
    ).body;
    expect(applied.importId).toBe(importId);
    expect(applied.jobId).not.toBe(jobId);
    const done = await finished(applied.jobId);
    expect(done).toMatchObject({
      id: applied.jobId,
      name: 'imports.process',
      state: 'completed',
      progress: 100,
      result: { importId, state: 'completed', created: 2 },
      failedReason: null,
    });
  });

  it('answers the import’s readers of its tenant, 403 to billing, and 404 to everyone who cannot see the import', async () => {
    const mine = await upload('username\naccess-1\n');
    const elsewhere = await upload('username\naccess-2\n', { tenantId: w.otherTenantId });
    await finished(mine.jobId);
    await finished(elsewhere.jobId);

    // Who may read the import may read its job: owner, admin (operators and keys), the tenant's tenant-admins, and
    // the platform admin.
    for (const token of [
      w.tokens.owner,
      w.keys.owner,
      w.tokens.admin,
      w.keys.admin,
      w.tokens['tenant-admin'],
      w.keys['tenant-admin'],
      t.adminToken,
    ]) {
      expect(expectStatus(await getJob(mine.jobId, token), 200).body).toMatchObject({
        id: mine.jobId,
        name: 'imports.process',
      });
    }
    // Billing reads usage, not users: refused, as the import itself is.
    for (const token of [w.tokens.billing, w.keys.billing]) {
      const refused = expectStatus(await getJob(mine.jobId, token), 403);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await t.request('GET', `/tenants/${w.tenantId}/imports/${mine.importId}`, { token })).status).toBe(403);
    }
    // A tenant outside the tenant-admin's list, and any job of another account: not found, for every role.
    for (const token of [w.tokens['tenant-admin'], w.keys['tenant-admin']]) {
      const hidden = expectStatus(await getJob(elsewhere.jobId, token), 404);
      expect(hidden.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(hidden.body.detail).toContain(elsewhere.jobId);
    }
    for (const token of [...Object.values(stranger.tokens), ...Object.values(stranger.keys)]) {
      expect((await getJob(mine.jobId, token)).status).toBe(404);
    }
    // An import job id that names no job: the same 404 as any unknown id.
    const unknown = expectStatus(await getJob(`import-${mine.importId}-apply-1`, w.tokens.admin), 404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('still finds the recount jobs it found before (the imports queue is searched as well, not instead)', async () => {
    const { jobId } = expectStatus(
      await t.request('POST', `/accounts/${w.accountId}/usage/recount`, { token: w.tokens.admin }),
      202,
    ).body;
    expect(expectStatus(await getJob(jobId, w.tokens.billing), 200).body.name).toMatch(/^usage\./);
    // A recount's job is the usage readers', as before: a tenant-admin gets 403.
    expectStatus(await getJob(jobId, w.tokens['tenant-admin']), 403);
  });
});
