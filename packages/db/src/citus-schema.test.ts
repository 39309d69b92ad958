/**
 * The schema Citus can distribute (DESIGN.md §7, issue 19): the migrated catalog breaks none of the rules, each
 * rule fires on a table that breaks it, and the distribution plan covers every table in an order Citus takes.
 * Citus itself is not installed here: running the plan changes nothing.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SchemaCatalog,
  distributeIfCitus,
  distributionPlan,
  distributionViolations,
  readSchemaCatalog,
} from './citus-schema.js';
import { createDataSource } from './data-source.js';
import { dropDatabase, ensureDatabase, migrate } from './setup.js';

const SERVER = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
const url = `${SERVER}/roster_citus_${randomBytes(4).toString('hex')}`;
let client: pg.Client;
const query = async (sql: string, parameters?: unknown[]) => (await client.query(sql, parameters)).rows;

/** The tenant tables of today's schema: distributed on tenant_id under Citus. */
const TENANT_TABLES = [
  'audit_events',
  'end_users',
  'group_members',
  'group_roles',
  'lifecycle_deactivations',
  'lifecycle_policy_runs',
  'login_attempts',
  'tenant_lifecycle_policies',
  'tenant_signing_keys',
  'tenant_usage',
  'tenant_usage_latest',
  'user_groups',
  'user_import_chunks',
  'user_import_rows',
  'user_imports',
  'user_roles',
];

beforeAll(async () => {
  await ensureDatabase(url);
  const dataSource = await createDataSource({ url, poolSize: 2 }).initialize();
  try {
    await migrate(dataSource);
  } finally {
    await dataSource.destroy();
  }
  client = new pg.Client({ connectionString: url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await dropDatabase(url);
});

/** The violations `ddl` adds to the migrated schema, read inside a transaction that is then rolled back. */
async function violationsWith(ddl: string): Promise<string[]> {
  await client.query('BEGIN');
  try {
    await client.query(ddl);
    return distributionViolations(await readSchemaCatalog(query));
  } finally {
    await client.query('ROLLBACK');
  }
}

describe('the migrated schema', () => {
  it('breaks none of the rules that let Citus distribute the tenant tables', async () => {
    const catalog = await readSchemaCatalog(query);
    expect(distributionViolations(catalog)).toEqual([]);
    const tenantTables = catalog.tables.filter((t) => t.tenantIdNullable !== null).map((t) => t.name);
    expect(tenantTables).toEqual(TENANT_TABLES);
  });

  it('keeps account-level events and the outbox out of the tenant tables', async () => {
    const columns = await query(
      `SELECT table_name, is_nullable FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'tenant_id'
          AND table_name IN ('audit_events', 'account_audit_events', 'outbox_events')`,
    );
    expect(columns).toEqual([{ table_name: 'audit_events', is_nullable: 'NO' }]);
  });
});

describe('each rule', () => {
  it('fires on a nullable tenant_id and a missing primary key', async () => {
    expect(await violationsWith('CREATE TABLE x_loose (tenant_id uuid, id uuid NOT NULL)')).toEqual([
      'x_loose: tenant_id must be NOT NULL',
      'x_loose: a tenant table needs a primary key including tenant_id',
    ]);
  });

  it('fires on a primary key without tenant_id', async () => {
    expect(await violationsWith('CREATE TABLE x_keyed (tenant_id uuid NOT NULL, id uuid PRIMARY KEY)')).toEqual([
      'x_keyed: primary key x_keyed_pkey (id) must include tenant_id',
    ]);
  });

  it('fires on a unique constraint or a unique index without tenant_id, and not on those with it', async () => {
    expect(
      await violationsWith(`
        CREATE TABLE x_codes (tenant_id uuid NOT NULL, id uuid, code text UNIQUE, name text,
                              PRIMARY KEY (tenant_id, id), UNIQUE (tenant_id, code));
        CREATE UNIQUE INDEX x_codes_name_key ON x_codes (lower(name)) INCLUDE (tenant_id);
        CREATE UNIQUE INDEX x_codes_tenant_name_key ON x_codes (tenant_id, lower(name)) WHERE name IS NOT NULL;`),
    ).toEqual([
      'x_codes: unique constraint x_codes_code_key (code) must include tenant_id',
      'x_codes: unique index x_codes_name_key must include tenant_id among its key columns',
    ]);
  });

  it('fires on a foreign key between tenant tables without tenant_id at the same position on both sides', async () => {
    expect(
      await violationsWith(`
        CREATE TABLE x_notes (tenant_id uuid NOT NULL, id uuid, user_id uuid NOT NULL, PRIMARY KEY (tenant_id, id),
                              CONSTRAINT x_notes_user_fkey FOREIGN KEY (user_id, tenant_id)
                                REFERENCES end_users (tenant_id, id) ON DELETE CASCADE)`),
    ).toEqual([
      'x_notes: foreign key x_notes_user_fkey (user_id, tenant_id) → end_users (tenant_id, id) ' +
        'must include tenant_id on both sides, at the same position',
    ]);
  });

  it('fires on SET NULL and SET DEFAULT on a foreign key between tenant tables', async () => {
    expect(
      await violationsWith(`
        CREATE TABLE x_notes (tenant_id uuid NOT NULL, id uuid, user_id uuid, PRIMARY KEY (tenant_id, id),
                              CONSTRAINT x_notes_user_fkey FOREIGN KEY (tenant_id, user_id)
                                REFERENCES end_users (tenant_id, id) ON DELETE SET NULL (user_id) ON UPDATE SET DEFAULT)`),
    ).toEqual([
      'x_notes: foreign key x_notes_user_fkey must not be ON DELETE SET NULL',
      'x_notes: foreign key x_notes_user_fkey must not be ON UPDATE SET DEFAULT',
    ]);
  });

  it('fires on a foreign key from an account-level table to a tenant table', async () => {
    expect(
      await violationsWith(`
        CREATE TABLE x_pins (id uuid PRIMARY KEY, tenant uuid NOT NULL, user_id uuid NOT NULL,
                             CONSTRAINT x_pins_user_fkey FOREIGN KEY (tenant, user_id) REFERENCES end_users (tenant_id, id))`),
    ).toEqual(['x_pins: foreign key x_pins_user_fkey from an account-level table to tenant table end_users']);
  });

  it('fires on ids the database generates, and not on other defaults or stored generated columns', async () => {
    expect(
      await violationsWith(`
        CREATE TABLE x_made (tenant_id uuid NOT NULL, id uuid DEFAULT gen_random_uuid(),
                             seq bigint GENERATED ALWAYS AS IDENTITY, name text,
                             name_key text GENERATED ALWAYS AS (lower(name)) STORED,
                             created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (tenant_id, id))`),
    ).toEqual([
      'x_made: id gets an id from the database (gen_random_uuid()); ids come from the application',
      'x_made: seq gets an id from the database (GENERATED AS IDENTITY); ids come from the application',
    ]);
  });
});

describe('the distribution plan', () => {
  let catalog: SchemaCatalog;
  beforeAll(async () => {
    catalog = await readSchemaCatalog(query);
  });

  it('makes every account-level table a reference table, then distributes every tenant table, co-located', () => {
    const plan = distributionPlan(catalog);
    const reference = plan.map((s) => /^SELECT create_reference_table\('(\w+)'\)$/.exec(s)?.[1]).filter(Boolean);
    const distributed = plan
      .map((s) => /^SELECT create_distributed_table\('(\w+)', 'tenant_id', colocate_with => '(\w+)'\)$/.exec(s))
      .filter((match) => match !== null);
    expect(reference.length + distributed.length).toBe(plan.length);
    expect(plan.findLastIndex((s) => s.includes('create_reference_table'))).toBeLessThan(
      plan.findIndex((s) => s.includes('create_distributed_table')),
    );
    expect(distributed.map((match) => match[1]).sort()).toEqual(TENANT_TABLES);
    const others = catalog.tables
      .map((t) => t.name)
      .filter((name) => !TENANT_TABLES.includes(name) && !['roster_migrations', 'typeorm_metadata'].includes(name));
    expect([...reference].sort()).toEqual(others);
    expect(others).toEqual(expect.arrayContaining(['accounts', 'tenants', 'account_audit_events', 'outbox_events']));
    // The first starts a colocation group of its own; every other joins it.
    const [anchor, ...rest] = distributed;
    expect(anchor![2]).toBe('none');
    expect(rest.map((match) => match[2])).toEqual(rest.map(() => anchor![1]));
  });

  it('hands Citus every table after the tables its foreign keys reference', () => {
    const position = new Map(distributionPlan(catalog).map((s, i) => [/\('(\w+)'/.exec(s)![1]!, i]));
    const foreignKeys = catalog.constraints.filter((k) => k.type === 'f' && k.refTable !== k.table);
    expect(foreignKeys.length).toBeGreaterThan(20);
    for (const fk of foreignKeys) {
      expect(position.get(fk.refTable!), `${fk.name}: ${fk.refTable} before ${fk.table}`).toBeLessThan(
        position.get(fk.table)!,
      );
    }
  });

  it('skips what Citus has already, and co-locates the rest with the tables distributed before', () => {
    const all = distributionPlan(catalog);
    const anchor = /create_distributed_table\('(\w+)'/.exec(all.find((s) => s.includes('distributed'))!)![1]!;
    const done = catalog.tables.map((t) => ({
      name: t.name,
      kind: TENANT_TABLES.includes(t.name) ? ('distributed' as const) : ('reference' as const),
    }));
    expect(distributionPlan(catalog, done)).toEqual([]);
    const resumed = distributionPlan(catalog, [
      { name: 'accounts', kind: 'reference' },
      { name: anchor, kind: 'distributed' },
    ]);
    expect(resumed).toHaveLength(all.length - 2);
    expect(resumed.filter((s) => s.includes(`colocate_with => '${anchor}'`))).toHaveLength(TENANT_TABLES.length - 1);
  });

  it('is not run without the citus extension, and running it changes nothing', async () => {
    const before = await readSchemaCatalog(query);
    expect(await distributeIfCitus(query)).toEqual([]);
    expect(await readSchemaCatalog(query)).toEqual(before);
    expect(await query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).toEqual([]);
  });
});
