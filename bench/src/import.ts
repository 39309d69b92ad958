/**
 * Issue 18: importing users from CSV, end to end — upload (streamed, stored in pieces), dry run (read, checked,
 * predicted), apply (batches through the unit of work, each user audited) — into a fresh tenant of the dataset's
 * environment, deleted afterwards. Every user gets the same PBKDF2 hash (hashes are verified at login, not on
 * import, so its cost does not matter here).
 */
import type pg from 'pg';
import type { Api } from './api-client.js';
import type { Dataset } from './dataset.js';
import type { Preset } from './presets.js';

/** Django's PBKDF2-SHA256 of "correct horse battery" (apps/api/test/legacy-hashes.ts). */
const PBKDF2_HASH = 'pbkdf2_sha256$260000$Xq3rT9vLm2Pa$o8/djhgJJCkdmoyMUCIevHPrJh4sTlKdSvhqTBG3nZo=';

export interface ImportResults {
  rows: number;
  megabytes: number;
  /** POST of the file until its 202 (stored). */
  uploadMs: number;
  /** From the 202 until the dry run is validated. */
  dryRunMs: number;
  /** From the apply request until completed. */
  applyMs: number;
  /** Rows per second over the whole: upload, dry run and apply. */
  rowsPerSecond: number;
  created: number;
  failed: number;
  /** The dry run's prediction, and what the apply did (they must agree). */
  predicted: { created: number; updated: number; failed: number };
  /**
   * The floor under any import of these rows on this machine: the same users inserted into `end_users` in one
   * INSERT … SELECT on one connection (nothing else: no staging, audit, events or memberships), rolled back.
   */
  floor: { ms: number; rowsPerSecond: number };
}

/** The CSV of `rows` new users (about 130 bytes each). */
function csvOf(rows: number): Buffer {
  const lines = ['username,name,email,mobilePhone,isActive,passwordHash'];
  for (let i = 0; i < rows; i += 1) {
    lines.push(
      `imported-${i},Imported User ${i},imported-${i}@example${i % 10}.com,+1 555 ${100000 + (i % 900000)},true,${PBKDF2_HASH}`,
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function waitFor(api: Api, path: string, states: string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = await api.call('GET', path);
    if (states.includes(body.state)) return body;
    if (body.state === 'failed' || body.state === 'cancelled') {
      throw new Error(`The import ended ${body.state}: ${body.failure ?? ''}`);
    }
    if (Date.now() > deadline) throw new Error(`The import is still ${body.state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Times inserting `rows` users shaped as csvOf's into `end_users` of `tenantId` in one statement, then rolls them
 * back. Ids are time-ordered like the application's UUIDv7 (the btree inserts land where they would).
 */
async function measureFloor(db: pg.Client, tenantId: string, rows: number): Promise<ImportResults['floor']> {
  await db.query('BEGIN');
  try {
    const started = performance.now();
    await db.query(
      `INSERT INTO end_users (id, tenant_id, kind, username, username_key, username_sort, name, email, mobile_phone,
                              password_hash, is_active)
       SELECT (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0')
                 || '7' || lpad(to_hex(i), 19, '0'))::uuid,
              $1, 'registered', 'imported-' || i, 'imported-' || i, 'imported-' || i, 'Imported User ' || i,
              'imported-' || i || '@example' || i % 10 || '.com', '+1 555 ' || (100000 + i % 900000), $3, true
         FROM generate_series(0, $2::int - 1) AS i`,
      [tenantId, rows, PBKDF2_HASH],
    );
    const ms = performance.now() - started;
    return { ms: Math.round(ms), rowsPerSecond: Math.round(rows / (ms / 1000)) };
  } finally {
    await db.query('ROLLBACK');
  }
}

/**
 * One import of `preset.importRows` users into a tenant of its own, dry run first; then its floor, in the same
 * tenant (empty again: the import's users are deleted first).
 */
export async function measureImport(db: pg.Client, api: Api, dataset: Dataset, preset: Preset): Promise<ImportResults> {
  const rows = preset.importRows;
  const file = csvOf(rows);
  const tenant = await api.call<{ id: string }>('POST', `/environments/${dataset.environmentId}/tenants`, {
    name: `bench import ${new Date().toISOString()}`,
  });
  const base = `/tenants/${tenant.id}/imports`;
  try {
    const started = performance.now();
    const response = await fetch(`${api.baseUrl}/api/v1${base}?dryRun=true`, {
      method: 'POST',
      headers: { ...api.headers, 'content-type': 'text/csv' },
      body: file,
    });
    if (response.status !== 202) throw new Error(`The import answered ${response.status}: ${await response.text()}`);
    const { importId } = (await response.json()) as { importId: string };
    const uploaded = performance.now();
    const timeout = Math.max(120_000, rows * 2);
    const dryRun = await waitFor(api, `${base}/${importId}`, ['validated'], timeout);
    const validated = performance.now();
    await api.call('POST', `${base}/${importId}/apply`, undefined, 202);
    const done = await waitFor(api, `${base}/${importId}`, ['completed'], timeout);
    const finished = performance.now();
    if (done.created !== dryRun.created || done.failed !== dryRun.failed) {
      throw new Error(`The apply (${JSON.stringify(done)}) differs from its dry run (${JSON.stringify(dryRun)})`);
    }
    await db.query('DELETE FROM end_users WHERE tenant_id = $1', [tenant.id]);
    const floor = await measureFloor(db, tenant.id, rows);
    return {
      rows,
      megabytes: Math.round((file.length / 2 ** 20) * 10) / 10,
      uploadMs: Math.round(uploaded - started),
      dryRunMs: Math.round(validated - uploaded),
      applyMs: Math.round(finished - validated),
      rowsPerSecond: Math.round(rows / ((finished - started) / 1000)),
      created: done.created,
      failed: done.failed,
      predicted: { created: dryRun.created, updated: dryRun.updated, failed: dryRun.failed },
      floor,
    };
  } finally {
    await api.call('DELETE', `/tenants/${tenant.id}`, undefined, 204).catch(() => undefined);
  }
}
