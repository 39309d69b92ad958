export type { Logger, DestinationStream } from 'pino';
export { createLogger, type LoggerSettings } from './create-logger.js';
export { currentLogger, runWithLogger } from './log-context.js';
export { NestPinoLogger } from './nest-logger.js';
export { REDACT_PATHS, REDACTED } from './redaction.js';
export {
  LOG_FORMATS,
  LOG_LEVELS,
  type LogFormat,
  type LogLevel,
  type LogSettings,
  readLogSettings,
} from './settings.js';
