import { Global, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { CredentialsRepository, dataSourceOptions, ScopesRepository } from '@roster/db';
import type { DataSource } from 'typeorm';
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
 * The repositories read before any scope is known (credentials, where a path parameter belongs) are
 * provided here.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forRootAsync({ inject: [CONFIG], useFactory: apiTypeOrmOptions })],
  providers: [
    {
      provide: CredentialsRepository,
      inject: [getDataSourceToken()],
      useFactory: (dataSource: DataSource) => new CredentialsRepository(dataSource.manager),
    },
    {
      provide: ScopesRepository,
      inject: [getDataSourceToken()],
      useFactory: (dataSource: DataSource) => new ScopesRepository(dataSource.manager),
    },
  ],
  exports: [CredentialsRepository, ScopesRepository],
})
export class DatabaseModule {}
