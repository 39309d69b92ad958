/**
 * SCIM at the largest tenant (issue 17): the requests identity providers make most — Entra ID's and Okta's
 * `userName eq` lookup before every change, a first list page (Okta's import and connection test), and the
 * deprovisioning PATCH (`active: false`) — each to be within 1.5 × of the users list's first page (p95). The same
 * (de)activation through the users API is measured too: a PATCH is a write, and that is the write it should cost.
 */
import type pg from 'pg';
import type { Api } from './api-client.js';
import type { CpuSnapshot } from './cpu.js';
import type { Dataset } from './dataset.js';
import type { LoadOptions } from './load.js';
import { loadRuns, type LoadSummary } from './measure.js';
import type { Preset } from './presets.js';

export interface ScimResults {
  userNameEq: LoadSummary;
  /** startIndex paging: the page and totalResults, a count of every user of the tenant. */
  firstPageByIndex: LoadSummary;
  /** Cursor paging (RFC 9865): the page alone. */
  firstPageByCursor: LoadSummary;
  patchActive: LoadSummary;
  /** The same (de)activation through the users API (PATCH /users/:id): the like-for-like write for patchActive. */
  usersApiActive: LoadSummary;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

export async function measureScim(
  api: Api,
  db: pg.Client,
  dataset: Dataset,
  preset: Preset,
  cpu: () => CpuSnapshot | null,
): Promise<ScimResults> {
  const { token } = await api.call<{ token: string }>('POST', `/tenants/${dataset.tenantId}/scim-tokens`, {
    name: `bench ${new Date().toISOString()}`,
  });
  const { rows } = await db.query(
    `SELECT id, username FROM end_users WHERE tenant_id = $1 AND kind = 'registered' ORDER BY id DESC LIMIT 2000`,
    [dataset.tenantId],
  );
  const users = rows as { id: string; username: string }[];
  const base = `/scim/v2/tenants/${dataset.tenantId}`;
  const run = (
    options: Omit<LoadOptions, 'url' | 'connections' | 'seconds' | 'headers' | 'cpu'>,
    headers: Record<string, string> = { authorization: `Bearer ${token}` },
  ) =>
    loadRuns(preset, {
      url: api.baseUrl,
      connections: preset.connections,
      seconds: preset.seconds,
      headers,
      cpu,
      ...options,
    });
  const userNameEq = await run({
    path: () => `${base}/Users?filter=${encodeURIComponent(`userName eq "${pick(users).username}"`)}`,
    expect: 200,
  });
  const firstPageByIndex = await run({ path: () => `${base}/Users?startIndex=1&count=50`, expect: 200 });
  const firstPageByCursor = await run({ path: () => `${base}/Users?cursor=&count=50`, expect: 200 });
  // Every request writes: a random user of the 2000 turned inactive or active at random.
  const patchActive = await run({
    method: 'PATCH',
    path: () => `${base}/Users/${pick(users).id}`,
    body: () => ({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'active', value: Math.random() < 0.5 }],
    }),
    expect: 200,
  });
  const usersApiActive = await run(
    {
      method: 'PATCH',
      path: () => `/api/v1/tenants/${dataset.tenantId}/users/${pick(users).id}`,
      body: () => ({ isActive: Math.random() < 0.5 }),
      expect: 200,
    },
    api.headers,
  );
  // The users stay as generated for the next run.
  await db.query(`UPDATE end_users SET is_active = true WHERE tenant_id = $1 AND id = ANY($2) AND NOT is_active`, [
    dataset.tenantId,
    users.map((user) => user.id),
  ]);
  return { userNameEq, firstPageByIndex, firstPageByCursor, patchActive, usersApiActive };
}
