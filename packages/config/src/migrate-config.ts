import { select, variableNames } from './select.js';
import type { Env } from './variable.js';
import { DATABASE_URL } from './variables/index.js';

/** What packages/db's migration CLI (`pnpm db:migrate`, the deployments' migration step) reads. */
export interface MigrateConfig {
  databaseUrl: string;
}

const MIGRATE = { databaseUrl: DATABASE_URL };

/** The variables the migration CLI reads. */
export const MIGRATE_VARIABLES: readonly string[] = variableNames(MIGRATE);

/** Reads and validates the migration CLI's configuration; throws a ConfigError naming a bad DATABASE_URL. */
export function readMigrateConfig(env: Env = process.env): MigrateConfig {
  return select(env, MIGRATE);
}
