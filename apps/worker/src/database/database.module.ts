import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createDataSource } from '@roster/db';
import { DataSource } from 'typeorm';
import { CONFIG, type WorkerConfig } from '../config/config.js';
import { STARTUP_OPTIONS, type StartupOptions } from '../startup-options.js';
import { waitForSchema } from './schema.js';

/**
 * Opens the pool and checks the schema. The DataSource provider is created unconnected and
 * JobRunner calls connect() only after the handler check passed, so a worker that refuses
 * to start has opened no connection (and leaks none in tests).
 */
@Injectable()
export class Database implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(STARTUP_OPTIONS) private readonly options: StartupOptions,
  ) {}

  async connect(): Promise<void> {
    await this.dataSource.initialize();
    try {
      await waitForSchema(this.dataSource, {
        timeoutMs: this.options.schemaWaitMs,
        onWait: (pending) => this.logger.warn(`Waiting for migrations to run: ${pending.join(', ')}`),
      });
    } catch (error) {
      await this.dataSource.destroy();
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  /** Runs after every worker closed (JobRunner closes them in beforeApplicationShutdown). */
  async onApplicationShutdown(): Promise<void> {
    await this.disconnect();
  }
}

/** One pool per worker process; the schema comes from migrations, never synchronize. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [CONFIG],
      // Small pool: jobs run with low concurrency, and the API holds its own pool.
      useFactory: (config: WorkerConfig) => createDataSource({ url: config.databaseUrl, poolSize: 4 }),
    },
    Database,
  ],
  exports: [DataSource, Database],
})
export class DatabaseModule {}
