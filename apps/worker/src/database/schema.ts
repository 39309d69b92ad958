import type { DataSource } from 'typeorm';

/**
 * Migrations this build knows that the database has not run yet. Read-only on purpose: the
 * API owns migrating (DESIGN.md §9), so the worker neither migrates nor creates the
 * migrations table (TypeORM's showMigrations() would).
 */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const known = dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name);
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const [found] = (await dataSource.query('SELECT to_regclass($1) IS NOT NULL AS "exists"', [table])) as {
    exists: boolean;
  }[];
  if (!found?.exists) return known;
  const ran = (await dataSource.query(`SELECT name FROM "${table.replaceAll('"', '""')}"`)) as { name: string }[];
  const done = new Set(ran.map((row) => row.name));
  return known.filter((name) => !done.has(name));
}

export class SchemaNotReadyError extends Error {
  constructor(
    readonly pending: string[],
    waitedMs: number,
  ) {
    super(
      `The database schema is not migrated (pending: ${pending.join(', ')}) after waiting ${Math.round(waitedMs / 1000)} s. ` +
        'The API migrates at start; or run `pnpm db:migrate`.',
    );
  }
}

/**
 * Waits until every known migration has run. Worker and API may start together (or the
 * worker may be deployed first), so a short wait beats crashing into "relation does not exist".
 */
export async function waitForSchema(
  dataSource: DataSource,
  { timeoutMs, pollMs = 1000, onWait }: { timeoutMs: number; pollMs?: number; onWait?: (pending: string[]) => void },
): Promise<void> {
  const started = Date.now();
  let pending = await pendingMigrations(dataSource);
  if (pending.length > 0) onWait?.(pending);
  while (pending.length > 0) {
    if (Date.now() - started >= timeoutMs) throw new SchemaNotReadyError(pending, Date.now() - started);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    pending = await pendingMigrations(dataSource);
  }
}
