import { Global, Inject, Injectable, Logger, Module } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { createDataSource, dataSourceOptions } from '@roster/db';
import { DataSource } from 'typeorm';
import { CONFIG, type WorkerConfig } from '../config/config.js';
import { STARTUP_OPTIONS, type StartupOptions } from '../startup-options.js';
import { waitForSchema } from './schema.js';

/** What the worker asks of TypeOrmModule: a small pool, created unconnected. */
export function workerTypeOrmOptions(config: WorkerConfig): TypeOrmModuleOptions {
  return {
    // Small pool: jobs run with low concurrency, and the API holds its own pool.
    // As roster_worker, held by row-level security's policy for the worker (every tenant: it counts across them).
    ...dataSourceOptions({ url: config.databaseUrl, poolSize: 4, role: 'roster_worker' }),
    // Database.connect() opens the pool, and only after JobRunner's handler check passed, so a worker
    // that refuses to start has opened no connection (and leaks none in tests).
    manualInitialization: true,
  };
}

/**
 * Opens the pool TypeOrmModule created and checks the schema. TypeOrmModule destroys the pool in
 * onApplicationShutdown, which Nest runs after every beforeApplicationShutdown hook, so after
 * JobRunner closed the workers (and let their running jobs finish).
 */
@Injectable()
export class Database {
  private readonly logger = new Logger('Database');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(STARTUP_OPTIONS) private readonly options: StartupOptions,
    @Inject(CONFIG) private readonly config: WorkerConfig,
  ) {}

  /**
   * Waits for the schema on one connection as the login itself, since the pool's role and its grants are
   * made by the migrations it waits for, then opens the pool.
   */
  async connect(): Promise<void> {
    const login = createDataSource({ url: this.config.databaseUrl, poolSize: 1 });
    await login.initialize();
    try {
      await waitForSchema(login, {
        timeoutMs: this.options.schemaWaitMs,
        onWait: (pending) => this.logger.warn(`Waiting for migrations to run: ${pending.join(', ')}`),
      });
    } finally {
      await login.destroy();
    }
    await this.dataSource.initialize();
  }

  /** For a start-up that failed half-way: Nest runs no shutdown hook then, so nothing else would close it. */
  async disconnect(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** One pool per worker process; the schema comes from migrations, never synchronize. */
@Global()
@Module({
  imports: [TypeOrmModule.forRootAsync({ inject: [CONFIG], useFactory: workerTypeOrmOptions })],
  providers: [Database],
  exports: [Database],
})
export class DatabaseModule {}
