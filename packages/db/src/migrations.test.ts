import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createDataSource } from './data-source.js';
import { dropDatabase, ensureDatabase, migrate } from './setup.js';

const run = promisify(execFile);
const SERVER = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
const url = `${SERVER}/roster_migrations_${randomBytes(4).toString('hex')}`;
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

async function tables(): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  await client.end();
  return rows.map((row) => row.tablename as string);
}

afterAll(async () => dropDatabase(url));

describe('migrations', () => {
  it('create the database and run on an empty one, then find nothing pending', async () => {
    expect(await ensureDatabase(url)).toBe(true);
    expect(await ensureDatabase(url)).toBe(false);
    const dataSource = await createDataSource({ url, poolSize: 2 }).initialize();
    try {
      expect(await migrate(dataSource)).toEqual([
        'Foundation1763800000000',
        'EndUsers1763900000000',
        'EndUserAuth1764000000000',
        'Usage1764100000000',
        'UserSearchIndex1764200000000',
        'TenantSigningKeys1764500000000',
        'AccountNamesNotUnique1764700000000',
      ]);
      expect(await migrate(dataSource)).toEqual([]);
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
    }
    expect(await tables()).toEqual(
      expect.arrayContaining(['accounts', 'operators', 'tenants', 'audit_events', 'roster_migrations']),
    );
  });

  it('run once when several processes start together', async () => {
    const sources = await Promise.all([1, 2, 3].map(() => createDataSource({ url, poolSize: 2 }).initialize()));
    try {
      const ran = await Promise.all(sources.map((source) => migrate(source)));
      expect(ran.flat()).toEqual([]);
    } finally {
      await Promise.all(sources.map((source) => source.destroy()));
    }
  });

  it('agree with the entities: no table or column TypeORM would add, drop or alter', async () => {
    const dataSource = await createDataSource({ url, poolSize: 2 }).initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      // Constraints and indexes live in the migrations only (TypeORM would drop what it does
      // not model); tables and columns must match the entities exactly.
      const structural = pending.upQueries
        .map((query) => query.query)
        .filter((sql) => !/DROP CONSTRAINT|DROP INDEX|CREATE (UNIQUE )?INDEX|ADD CONSTRAINT/.test(sql));
      expect(structural).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('leave the previous release’s shared signing keys usable, and roll per-tenant keys back', async () => {
    const dataSource = await createDataSource({ url, poolSize: 2 }).initialize();
    const insertSharedKey = (id: string, privateJwk: object | null) =>
      dataSource.query(
        `INSERT INTO signing_keys (id, algorithm, public_jwk, private_jwk, signs_until, published_until)
         VALUES ($1, 'EdDSA', '{}', $2, now(), now())`,
        [id, privateJwk],
      );
    try {
      // A pod of the previous release, during a rolling update, still writes and reads plain-text keys.
      await insertSharedKey('previous-release', { d: 'x' });
      await insertSharedKey('retired', null);
      await dataSource.undoLastMigration({ transaction: 'all' }); // AccountNamesNotUnique, which came after
      await dataSource.undoLastMigration({ transaction: 'all' });
      // The previous release needs a private key in every row: the retired one went.
      const rows = await dataSource.query('SELECT id FROM signing_keys ORDER BY id');
      expect(rows).toEqual([{ id: 'previous-release' }]);
      await expect(insertSharedKey('again', null)).rejects.toThrow(/private_jwk/);
      expect(await tables()).not.toContain('tenant_signing_keys');
      expect(await migrate(dataSource)).toEqual([
        'TenantSigningKeys1764500000000',
        'AccountNamesNotUnique1764700000000',
      ]);
      expect(await tables()).toContain('tenant_signing_keys');
    } finally {
      await dataSource.destroy();
    }
  });

  it('let two accounts share a name, and roll that back once they no longer do', async () => {
    const dataSource = await createDataSource({ url, poolSize: 2 }).initialize();
    const insertAccount = (name: string) =>
      dataSource.query(
        `INSERT INTO accounts (id, name, subscription_model, aggregation) VALUES (gen_random_uuid(), $1, 'named', 'sum') RETURNING id`,
        [name],
      );
    try {
      const [first] = await insertAccount('Shared Name');
      await insertAccount('shared name');
      await expect(dataSource.undoLastMigration({ transaction: 'all' })).rejects.toThrow(/accounts_name_key/);
      await dataSource.query('DELETE FROM accounts WHERE lower(name) = $1 AND id <> $2', ['shared name', first.id]);
      await dataSource.undoLastMigration({ transaction: 'all' });
      await expect(insertAccount('SHARED NAME')).rejects.toThrow(/accounts_name_key/);
      expect(await migrate(dataSource)).toEqual(['AccountNamesNotUnique1764700000000']);
      await insertAccount('SHARED NAME');
      await dataSource.query('DELETE FROM accounts');
    } finally {
      await dataSource.destroy();
    }
  });

  it('db:reset drops everything and migrates from scratch', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(
      `INSERT INTO accounts (id, name, subscription_model, aggregation) VALUES (gen_random_uuid(), 'x', 'named', 'sum')`,
    );
    await client.end();
    const { stdout } = await run('node', [cli, 'reset'], { env: { ...process.env, DATABASE_URL: url } });
    expect(stdout).toContain('Ran 7 migration(s)');
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const { rows } = await check.query('SELECT count(*)::int AS n FROM accounts');
    await check.end();
    expect(rows[0].n).toBe(0);
    const again = await run('node', [cli, 'migrate'], { env: { ...process.env, DATABASE_URL: url } });
    expect(again.stdout).toContain('up to date');
  });
});
