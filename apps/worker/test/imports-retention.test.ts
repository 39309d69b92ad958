/**
 * maintenance.purge-old-imports (issue 18): imports older than IMPORT_RETENTION_DAYS lose their upload and staged
 * rows, keeping their counts; a dry run nobody applied in that time fails as expired; an import still applying,
 * and every recent one, is left alone. Runs as the worker's role, across tenants.
 */
import { randomUUID } from 'node:crypto';
import { createDataSource } from '@roster/db';
import { IMPORT_RETENTION_DAYS } from '@roster/domain';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PurgeOldImportsHandler } from '../src/imports/purge-old-imports.handler.js';
import { createTestEnv, type TestEnv } from './harness.js';

let env: TestEnv;
let workerDb: DataSource;
let tenantId: string;

beforeAll(async () => {
  env = await createTestEnv();
  workerDb = await createDataSource({ url: env.config.databaseUrl, poolSize: 2, role: 'roster_worker' }).initialize();
  const [accountId, environmentId] = [randomUUID(), randomUUID()];
  tenantId = randomUUID();
  await env.db.query(
    `INSERT INTO accounts (id, name, subscription_model, aggregation) VALUES ($1, 'a', 'named', 'sum')`,
    [accountId],
  );
  await env.db.query(`INSERT INTO environments (id, account_id, name, kind) VALUES ($1, $2, 'p', 'production')`, [
    environmentId,
    accountId,
  ]);
  await env.db.query(`INSERT INTO tenants (id, account_id, environment_id, name) VALUES ($1, $2, $3, 't')`, [
    tenantId,
    accountId,
    environmentId,
  ]);
}, 60_000);
afterAll(async () => {
  await workerDb?.destroy();
  await env?.cleanup();
});

/** An import in `state`, created `daysAgo` days ago, with one piece of upload and one staged row. */
async function seedImport(state: string, daysAgo: number): Promise<string> {
  const id = randomUUID();
  const tenant = await env.db.query('SELECT account_id, environment_id FROM tenants WHERE id = $1', [tenantId]);
  await env.db.query(
    `WITH i AS (INSERT INTO user_imports (tenant_id, id, account_id, environment_id, state, dry_run, format, actor_type,
                                          total, created, created_at)
                VALUES ($1, $2, $3, $4, $5, true, 'csv', 'system', 1, 1, now() - make_interval(days => $6))),
          c AS (INSERT INTO user_import_chunks (tenant_id, import_id, seq, data) VALUES ($1, $2, 0, convert_to('username', 'UTF8')))
     INSERT INTO user_import_rows (tenant_id, import_id, line, username, new_user_id) VALUES ($1, $2, 2, 'x', $7)`,
    [tenantId, id, tenant[0].account_id, tenant[0].environment_id, state, daysAgo, randomUUID()],
  );
  return id;
}

async function stateOf(id: string) {
  const [row] = await env.db.query(
    `SELECT i.state, i.failure, i.purged_at IS NOT NULL AS purged, i.total, i.created,
            (SELECT count(*)::int FROM user_import_chunks c WHERE c.import_id = i.id) AS chunks,
            (SELECT count(*)::int FROM user_import_rows r WHERE r.import_id = i.id) AS rows
       FROM user_imports i WHERE i.id = $1`,
    [id],
  );
  return row;
}

describe('maintenance.purge-old-imports', () => {
  it('expires old dry runs, drops old uploads and staged rows, keeps counts, and leaves the rest', async () => {
    const old = IMPORT_RETENTION_DAYS + 1;
    const [expired, completed, applying, recent] = [
      await seedImport('validated', old),
      await seedImport('completed', old),
      await seedImport('applying', old),
      await seedImport('validated', 1),
    ];
    const handler = new PurgeOldImportsHandler(workerDb);
    expect(await handler.purge()).toEqual({ expired: 1, purged: 2 });
    expect(await stateOf(expired)).toMatchObject({
      state: 'failed',
      failure: expect.stringContaining('dry run expired'),
      purged: true,
      chunks: 0,
      rows: 0,
    });
    expect(await stateOf(completed)).toMatchObject({
      state: 'completed',
      purged: true,
      chunks: 0,
      rows: 0,
      total: 1,
      created: 1,
    });
    expect(await stateOf(applying)).toMatchObject({ state: 'applying', purged: false, chunks: 1, rows: 1 });
    expect(await stateOf(recent)).toMatchObject({ state: 'validated', purged: false, chunks: 1, rows: 1 });
    // Idempotent.
    expect(await handler.purge()).toEqual({ expired: 0, purged: 0 });
  });
});
