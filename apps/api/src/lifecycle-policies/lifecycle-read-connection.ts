import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createDataSource } from '@roster/db';
import type { DataSource } from 'typeorm';
import { CONFIG, type Config } from '../config/config.js';

/**
 * Read-only reads across an account's tenants for dormant-user policies, and nothing else: an environment's
 * preview (every tenant following its policy, and which tenants override it), and the seats a preview frees in the
 * account's totals (every production tenant's users, for the `unique` aggregation). The API's pool is held to one
 * tenant per transaction by row-level security (roster_api) and could answer neither; this one takes roster_worker,
 * whose policies are cross-tenant by design, as the signing keys' upkeep does (KeyMaintenanceConnection). Only
 * callers who see the whole account reach it (owners and admins; a tenant-admin's preview reads through the
 * tenant-bound unit of work), every statement names the account or tenants the access guard resolved, and each runs
 * in a READ ONLY transaction.
 */
@Injectable()
export class LifecycleReadConnection implements OnApplicationShutdown {
  private readonly dataSource: DataSource;
  private opening: Promise<DataSource> | null = null;

  constructor(@Inject(CONFIG) config: Config) {
    this.dataSource = createDataSource({ url: config.databaseUrl, poolSize: 2, role: 'roster_worker' });
  }

  /**
   * Runs `read` in a READ ONLY transaction on the cross-tenant pool, with the memory a preview's aggregates over a
   * large account need to stay off the disk (64 MB, for this transaction only: previews are rare).
   */
  async read<T>(read: (db: DataSource['manager']) => Promise<T>): Promise<T> {
    const dataSource = await this.open();
    return dataSource.transaction(async (manager) => {
      await manager.query(`SET TRANSACTION READ ONLY; SET LOCAL work_mem = '64MB'`);
      return read(manager);
    });
  }

  private open(): Promise<DataSource> {
    this.opening ??= this.dataSource.initialize().catch((error: unknown) => {
      this.opening = null;
      throw error;
    });
    return this.opening;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
