import { createLogger, type DestinationStream, type Logger } from '@roster/logging';
import type { Config } from '../config/config.js';

/** The API's root logger: LOG_LEVEL and LOG_FORMAT from the config; tests pass a destination they read. */
export function createApiLogger(config: Config, destination?: DestinationStream): Promise<Logger> {
  return createLogger({
    service: 'api',
    level: config.logLevel,
    format: config.logFormat,
    ...(destination ? { destination } : {}),
  });
}
