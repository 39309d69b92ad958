import type { DataSource } from 'typeorm';

/**
 * Migrations this build knows that the database has not run yet, read from the migrations table.
 * Read-only on purpose: TypeORM's showMigrations() creates the table when it is missing, and only
 * the API's start-up migrates (DESIGN.md §9); the worker's start-up wait and the API's readiness
 * probe only look.
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
