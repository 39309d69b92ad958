import { createLogger, type DestinationStream, type Logger } from '@roster/logging';
import type { WorkerConfig } from '../config/config.js';

/** Nest injection token for the worker's root pino logger. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** The worker's root logger: LOG_LEVEL and LOG_FORMAT from the config; tests pass a destination they read. */
export function createWorkerLogger(config: WorkerConfig, destination?: DestinationStream): Promise<Logger> {
  return createLogger({
    service: 'worker',
    level: config.logLevel,
    format: config.logFormat,
    ...(destination ? { destination } : {}),
  });
}
