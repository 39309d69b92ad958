import 'reflect-metadata';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type Logger, NestPinoLogger } from '@roster/logging';
import type { WorkerConfig } from './config/config.js';
import { createWorkerLogger } from './logging/worker-logger.js';
import { DEFAULT_STARTUP_OPTIONS, type StartupOptions } from './startup-options.js';
import { WorkerModule } from './worker.module.js';

export interface WorkerContextOptions extends Partial<StartupOptions> {
  /** The root logger (default: one made from LOG_LEVEL and LOG_FORMAT, writing to stdout). */
  logger?: Logger;
  /** Replaces JOB_MODULES (tests use it to register broken handler sets). */
  jobModules?: Type[];
}

/**
 * Builds and starts the worker: a Nest application context without HTTP. When it resolves,
 * the handler check passed, the schema is migrated and every queue's Worker is consuming.
 * Close it with `await context.close()`.
 */
export async function createWorkerContext(
  config: WorkerConfig,
  options: WorkerContextOptions = {},
): Promise<INestApplicationContext> {
  const { logger = await createWorkerLogger(config), jobModules, ...startup } = options;
  return NestFactory.createApplicationContext(
    WorkerModule.forRoot(config, { ...DEFAULT_STARTUP_OPTIONS, ...startup }, logger, jobModules),
    // Throw instead of process.abort(): main.ts and tests report the error.
    { logger: new NestPinoLogger(logger), abortOnError: false },
  );
}
