import { Global, Module } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { dataSourceOptions } from '@roster/db';
import { CONFIG, type Config } from '../config/config.js';

/** What the API asks of TypeOrmModule: the options every Roster data source shares, and no retries. */
export function apiTypeOrmOptions(config: Config): TypeOrmModuleOptions {
  return {
    // As roster_api: row-level security admits only the rows of the tenant (or account) the unit of work binds.
    ...dataSourceOptions({ url: config.databaseUrl, role: 'roster_api' }),
    // main.ts has already connected (to migrate) by the time the app starts, so a failure here is not a
    // database still booting: fail at once instead of TypeOrmModule's default 10 attempts 3 s apart.
    toRetry: () => false,
  };
}

/**
 * One pool per process, shared by every feature. TypeOrmModule provides the DataSource (token
 * `DataSource`, i.e. getDataSourceToken()) and the EntityManager, connects it at start and destroys
 * it in onApplicationShutdown, after the HTTP server stopped taking requests. Tenant data is reached
 * only through the unit of work (ChangesModule), whose repositories refuse to run without the request's tenant.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forRootAsync({ inject: [CONFIG], useFactory: apiTypeOrmOptions })],
})
export class DatabaseModule {}
