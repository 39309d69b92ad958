import 'reflect-metadata';
import type { INestApplicationContext, LogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { WorkerConfig } from './config/config.js';
import { DEFAULT_STARTUP_OPTIONS, type StartupOptions } from './startup-options.js';
import { WorkerModule } from './worker.module.js';

export interface WorkerContextOptions extends Partial<StartupOptions> {
  logger?: LogLevel[] | false;
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
  const { logger = ['warn', 'error'], jobModules, ...startup } = options;
  return NestFactory.createApplicationContext(
    WorkerModule.forRoot(config, { ...DEFAULT_STARTUP_OPTIONS, ...startup }, jobModules),
    { logger, abortOnError: false }, // throw instead of process.abort(): main.ts and tests report the error
  );
}
