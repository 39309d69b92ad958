import 'reflect-metadata';
import { DataSource, type DataSourceOptions as TypeOrmDataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { UsernameColumns } from './entities/username-columns.subscriber.js';
import { MIGRATIONS } from './migrations/index.js';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/roster';

export interface DataSourceOptions {
  url: string;
  /** Connections in the pool; the API and the worker each hold one pool. */
  poolSize?: number;
}

/**
 * The one description of Roster's database, shared by the CLI (createDataSource) and the apps'
 * TypeOrmModule.forRootAsync: the schema comes from migrations, never synchronize.
 */
export function dataSourceOptions({ url, poolSize = 10 }: DataSourceOptions): TypeOrmDataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    subscribers: [UsernameColumns],
    migrationsTableName: 'roster_migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    extra: { max: poolSize },
  };
}

/** An unconnected DataSource (call initialize()); for scripts and tests outside Nest. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource(dataSourceOptions(options));
}
