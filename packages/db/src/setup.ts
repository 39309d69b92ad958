import pg from 'pg';
import type { DataSource } from 'typeorm';
import { distributeIfCitus } from './citus-schema.js';
import { createDataSource } from './data-source.js';

/** Splits a database URL into the URL of the server's maintenance database and the database name. */
function maintenanceTarget(url: string): { adminUrl: string; database: string } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new Error(`DATABASE_URL names no database: ${url}`);
  parsed.pathname = '/postgres';
  return { adminUrl: parsed.toString(), database };
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database named by the URL when it does not exist yet. Returns true if it created it. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const { adminUrl, database } = maintenanceTarget(url);
  return withClient(adminUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
      return true;
    } catch (error) {
      // Another replica created it between our check and our CREATE.
      if ((error as { code?: string }).code === '42P04') return false;
      throw error;
    }
  });
}

/** Drops and recreates the database named by the URL (db:reset, tests). */
export async function recreateDatabase(url: string, template?: string): Promise<void> {
  const { adminUrl, database } = maintenanceTarget(url);
  await withClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    const from = template ? ` TEMPLATE ${quoteIdent(template)}` : '';
    await client.query(`CREATE DATABASE ${quoteIdent(database)}${from}`);
  });
}

export async function dropDatabase(url: string): Promise<void> {
  const { adminUrl, database } = maintenanceTarget(url);
  await withClient(adminUrl, async (client) => {
    // Give connections that are closing up to 2 s to finish: FORCE would end them mid-goodbye, and their
    // owners would see an unexpected "terminating connection" error. Anything still there is forced.
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const { rows } = await client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [
        database,
      ]);
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  });
}

/** Arbitrary but fixed: every replica takes the same lock, so only one migrates at a time. */
const MIGRATION_LOCK = 7_263_514_001;

/**
 * Runs pending migrations under an advisory lock held on a connection of its own (not one
 * of the pool the migrations run on), so replicas that start together migrate once; then, on a
 * Citus coordinator, distributes the tables not distributed yet (citus-schema.ts; nothing elsewhere).
 * Returns the names of the migrations it ran.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const url = (dataSource.options as { url?: string }).url;
  if (!url) throw new Error('migrate() needs a data source created from a URL');
  return withClient(url, async (lock) => {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ran = await dataSource.runMigrations({ transaction: 'all' });
    // A migration may rewrite a table, whose visibility map (what index-only scans rely on) then starts
    // empty, or add indexes on expressions, which have no statistics yet; autovacuum may take long to notice.
    if (ran.length > 0) await lock.query('VACUUM (ANALYZE)');
    // Every time, not only after a migration: the extension may have been added to a migrated database.
    await distributeIfCitus(async (sql, parameters) => (await lock.query(sql, parameters)).rows);
    return ran.map((migration) => migration.name);
  });
}

/**
 * Creates a freshly migrated database to clone from (CREATE DATABASE … TEMPLATE): test
 * runs migrate once and give every test file a copy in milliseconds.
 */
export async function createMigratedTemplate(url: string): Promise<void> {
  await recreateDatabase(url);
  const dataSource = await createDataSource({ url, poolSize: 2 }).initialize();
  try {
    await migrate(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
