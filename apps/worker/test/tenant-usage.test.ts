import { randomUUID } from 'node:crypto';
import { UsageCountsRepository } from '@roster/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './harness.js';
import { seedAccount, user } from './usage-fixtures.js';

/**
 * The per-tenant series a recount stores (issue 16): a row only when a tenant's counts change, a head confirmed by
 * every reading, nothing from a reading older than one already stored, and a closing row of zeros for a tenant
 * that is gone.
 */

let env: TestEnv;
let counts: UsageCountsRepository;
beforeAll(async () => {
  env = await createTestEnv();
  counts = new UsageCountsRepository(env.db);
});
afterAll(async () => env?.cleanup());

const SUM = { model: 'named', namedLimit: null, internalLimit: null, externalLimit: null, aggregation: 'sum' } as const;

async function seed() {
  const { accountId, environmentIds } = await seedAccount(env.db, SUM, [
    {
      name: 'prod',
      kind: 'production',
      domains: ['acme.com'],
      tenants: [
        { domains: [], users: [user('a@acme.com', 'a'), user('b@else.org', 'b')] },
        { domains: [], users: [user('c@else.org', 'c', false)] },
      ],
    },
  ]);
  const environmentId = environmentIds[0]!;
  const tenants: { id: string; name: string }[] = await env.db.query(
    'SELECT id, name FROM tenants WHERE environment_id = $1 ORDER BY name',
    [environmentId],
  );
  return { accountId, environmentId, t0: tenants[0]!.id, t1: tenants[1]!.id };
}

/** Counts the environment now and stores the reading under `runId`, as if read at `readAt`. */
async function recount(environmentId: string, runId: string, readAt: Date) {
  const { value } = await counts.countEnvironment(environmentId);
  expect(await counts.writeEnvironmentSnapshot(environmentId, runId, value, readAt)).toBe('prod');
  return value;
}

const series = (tenantId: string) =>
  env.db.query(
    `SELECT run_id AS "runId", internal, external, named, inactive, data_as_of AS at
       FROM tenant_usage WHERE tenant_id = $1 ORDER BY data_as_of, computed_at`,
    [tenantId],
  ) as Promise<{ runId: string; internal: number; external: number; named: number; inactive: number; at: Date }[]>;

const head = async (tenantId: string) =>
  (
    (await env.db.query(
      `SELECT internal, external, data_as_of AS at, confirmed_at AS confirmed FROM tenant_usage_latest
      WHERE tenant_id = $1`,
      [tenantId],
    )) as { internal: number; external: number; at: Date; confirmed: Date }[]
  )[0];

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1, 0, minutes));

describe('per-tenant usage series', () => {
  it('stores a row when a tenant’s counts change and only confirms the head when they do not', async () => {
    const { environmentId, t0, t1 } = await seed();
    const reading = await recount(environmentId, 'r1', at(0));
    expect(
      reading.tenants.map(({ tenantId, internal, external, inactive }) => [tenantId, internal, external, inactive]),
    ).toEqual(
      expect.arrayContaining([
        [t0, 1, 1, 0],
        [t1, 0, 0, 1],
      ]),
    );
    expect(await series(t0)).toEqual([{ runId: 'r1', internal: 1, external: 1, named: 2, inactive: 0, at: at(0) }]);

    await recount(environmentId, 'r2', at(10));
    expect(await series(t0)).toHaveLength(1);
    expect(await head(t0)).toEqual({ internal: 1, external: 1, at: at(0), confirmed: at(10) });

    await env.db.query(
      `INSERT INTO end_users (id, tenant_id, kind, username, email, is_active)
                        VALUES ($1, $2, 'registered', 'd', 'd@acme.com', true)`,
      [randomUUID(), t0],
    );
    await recount(environmentId, 'r3', at(20));
    expect((await series(t0)).map((row) => [row.runId, row.internal])).toEqual([
      ['r1', 1],
      ['r3', 2],
    ]);
    expect(await series(t1)).toHaveLength(1);
    expect(await head(t0)).toEqual({ internal: 2, external: 1, at: at(20), confirmed: at(20) });
  });

  it('stores nothing for a tenant from a reading older than one it already holds; a retried run rewrites its row', async () => {
    const { environmentId, t0 } = await seed();
    await recount(environmentId, 'r1', at(0));
    await recount(environmentId, 'r3', at(20));
    await env.db.query(`UPDATE end_users SET is_active = false WHERE tenant_id = $1 AND username = 'b'`, [t0]);
    // A run whose reading is older than r3's (a job held up, stored late) would put stale counts in force.
    await recount(environmentId, 'r2', at(10));
    expect((await series(t0)).map((row) => row.runId)).toEqual(['r1']);
    expect(await head(t0)).toMatchObject({ external: 1, confirmed: at(20) });

    await recount(environmentId, 'r4', at(30));
    await env.db.query(`UPDATE end_users SET is_active = true WHERE tenant_id = $1`, [t0]);
    await recount(environmentId, 'r4', at(31));
    const rows = await series(t0);
    expect(rows.map((row) => [row.runId, row.external, row.at])).toEqual([
      ['r1', 1, at(0)],
      ['r4', 1, at(31)],
    ]);
  });

  it('ends the series of a deleted tenant and of the tenants of a deleted environment with zeros, once', async () => {
    const { accountId, environmentId, t0, t1 } = await seed();
    await recount(environmentId, 'r1', at(0));
    await env.db.query('DELETE FROM tenants WHERE id = $1', [t1]);
    expect(await counts.endVanishedTenants(accountId, 'r2', at(10))).toBe(1);
    expect((await series(t1)).map((row) => [row.runId, row.named, row.inactive])).toEqual([
      ['r1', 0, 1],
      ['r2', 0, 0],
    ]);
    expect(await head(t1)).toBeUndefined();
    expect(await counts.endVanishedTenants(accountId, 'r3', at(20))).toBe(0);

    await env.db.query('DELETE FROM environments WHERE id = $1', [environmentId]);
    expect(await counts.endVanishedTenants(accountId, 'r4', at(30))).toBe(1);
    expect((await series(t0)).at(-1)).toMatchObject({ runId: 'r4', named: 0, at: at(30) });
  });
});
