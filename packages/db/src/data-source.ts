import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/roster';

export interface DataSourceOptions {
  url: string;
  /** Connections in the pool; the API and the worker each hold one pool. */
  poolSize?: number;
}

export function createDataSource({ url, poolSize = 10 }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'roster_migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    extra: { max: poolSize },
  });
}
