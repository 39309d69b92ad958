import { Global, Module } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { dataSourceOptions } from '@roster/db';
import { TenantDataSource } from '../common/tenant-data.js';
import { CONFIG, type Config } from '../config/config.js';

/** What the API asks of TypeOrmModule: the options every Roster data source shares, and no retries. */
export function apiTypeOrmOptions(config: Config): TypeOrmModuleOptions {
  return {
    ...dataSourceOptions({ url: config.databaseUrl }),
    // main.ts has already connected (to migrate) by the time the app starts, so a failure here is not a
    // database still booting: fail at once instead of TypeOrmModule's default 10 attempts 3 s apart.
    toRetry: () => false,
  };
}

/**
 * One pool per process, shared by every feature. TypeOrmModule provides the DataSource (token
 * `DataSource`, i.e. getDataSourceToken()) and the EntityManager, connects it at start and destroys
 * it in onApplicationShutdown, after the HTTP server stopped taking requests. Tenant data is reached
 * only through TenantDataSource, whose repositories refuse to run without the request's tenant.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forRootAsync({ inject: [CONFIG], useFactory: apiTypeOrmOptions })],
  providers: [TenantDataSource],
  exports: [TenantDataSource],
})
export class DatabaseModule {}
