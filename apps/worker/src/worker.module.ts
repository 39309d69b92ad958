import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { ChangesModule } from './changes/changes.module.js';
import { CONFIG, type WorkerConfig } from './config/config.js';
import { DatabaseModule } from './database/database.module.js';
import { GrantExpiryModule } from './grant-expiry/grant-expiry.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { LifecycleModule } from './lifecycle/lifecycle.module.js';
import type { Logger } from '@roster/logging';
import { ROOT_LOGGER } from './logging/worker-logger.js';
import { MaintenanceModule } from './maintenance/maintenance.module.js';
import { OpsModule } from './ops/ops.module.js';
import { STARTUP_OPTIONS, type StartupOptions } from './startup-options.js';
import { UsageModule } from './usage/usage.module.js';
import { StatementsModule } from './statements/statements.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

/**
 * The modules that hold job handlers — only what the jobs need, never the API's feature
 * modules. Add a module here when it registers a @JobHandler; the start-up check names any
 * job left without one.
 */
export const JOB_MODULES: Type[] = [
  MaintenanceModule,
  UsageModule,
  ChangesModule,
  WebhooksModule,
  StatementsModule,
  GrantExpiryModule,
  ImportsModule,
  LifecycleModule,
];

@Module({})
export class WorkerModule {
  static forRoot(
    config: WorkerConfig,
    startup: StartupOptions,
    logger: Logger,
    jobModules: Type[] = JOB_MODULES,
  ): DynamicModule {
    return {
      module: WorkerModule,
      global: true, // CONFIG and STARTUP_OPTIONS reach DatabaseModule and JobsModule
      imports: [DatabaseModule, JobsModule, OpsModule, ...jobModules],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: STARTUP_OPTIONS, useValue: startup },
        { provide: ROOT_LOGGER, useValue: logger },
      ],
      exports: [CONFIG, STARTUP_OPTIONS, ROOT_LOGGER],
    };
  }
}
