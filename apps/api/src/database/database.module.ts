import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createDataSource } from '@roster/db';
import { DataSource } from 'typeorm';
import { TenantDataSource } from '../common/tenant-data.js';
import { CONFIG, type Config } from '../config/config.js';

/** One pool per process, shared by every feature; the schema comes from migrations, never synchronize. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [CONFIG],
      useFactory: async (config: Config) => createDataSource({ url: config.databaseUrl }).initialize(),
    },
    TenantDataSource,
  ],
  exports: [DataSource, TenantDataSource],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
