import 'reflect-metadata';
import { DataSource, type DataSourceOptions as TypeOrmDataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { UsernameColumns } from './entities/username-columns.subscriber.js';
import { DATABASE_ROLES } from './migrations/1764900000000-row-level-security.js';
import { MIGRATIONS } from './migrations/index.js';

export interface DataSourceOptions {
  url: string;
  /** Connections in the pool; the API and the worker each hold one pool. */
  poolSize?: number;
  /**
   * The role every pooled connection runs as (startup option `-c role=…`), held by row-level security:
   * roster_api to the tenant or account its unit of work sets, roster_worker to every tenant. Unset: the
   * login user itself, the owner that migrations need. The login user must be a member of the role.
   */
  role?: DatabaseRole;
}

/** The roles of migration RowLevelSecurity1764900000000. */
export type DatabaseRole = (typeof DATABASE_ROLES)[number];

/** node-postgres' startup `options` (libpq's PGOPTIONS) that make the session take `role`. */
function roleOption(role: DatabaseRole | undefined): { options?: string } {
  if (role === undefined) return {};
  // The value lands in a startup option string: only the known names get there.
  if (!DATABASE_ROLES.includes(role)) {
    throw new Error(`Unknown database role "${String(role)}": use one of ${DATABASE_ROLES.join(', ')}.`);
  }
  return { options: `-c role=${role}` };
}

/**
 * The one description of Roster's database, shared by the CLI (createDataSource) and the apps'
 * TypeOrmModule.forRootAsync: the schema comes from migrations, never synchronize.
 */
export function dataSourceOptions({ url, poolSize = 10, role }: DataSourceOptions): TypeOrmDataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    subscribers: [UsernameColumns],
    migrationsTableName: 'roster_migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    extra: { max: poolSize, ...roleOption(role) },
  };
}

/** An unconnected DataSource (call initialize()); for scripts and tests outside Nest. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource(dataSourceOptions(options));
}
