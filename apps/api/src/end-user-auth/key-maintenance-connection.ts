import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createDataSource } from '@roster/db';
import type { DataSource } from 'typeorm';
import { CONFIG, type Config } from '../config/config.js';

/**
 * One connection that works across tenants, for the deployment-wide upkeep of signing keys alone (retiring
 * old keys, re-wrapping private keys under a new ENCRYPTION_KEYS at start, ending every term on a rotation).
 * The API's own pool is held to one tenant per transaction by row-level security (roster_api), which would
 * see none of these keys; this one takes roster_worker, whose policy is cross-tenant by design, and nothing
 * but SigningKeyMaintenance uses it.
 */
@Injectable()
export class KeyMaintenanceConnection implements OnApplicationShutdown {
  readonly dataSource: DataSource;

  constructor(@Inject(CONFIG) config: Config) {
    this.dataSource = createDataSource({ url: config.databaseUrl, poolSize: 1, role: 'roster_worker' });
  }

  async open(): Promise<DataSource> {
    if (!this.dataSource.isInitialized) await this.dataSource.initialize();
    return this.dataSource;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
