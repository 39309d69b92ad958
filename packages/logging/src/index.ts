export type { Logger, DestinationStream } from 'pino';
export { createLogger, type LoggerSettings } from './create-logger.js';
export { currentLogger, runWithLogger } from './log-context.js';
export { NestPinoLogger } from './nest-logger.js';
export { REDACT_PATHS, REDACTED } from './redaction.js';
// LOG_LEVEL and LOG_FORMAT are read by @roster/config; their values are re-exported for the logger's users.
export { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel, type LogSettings } from '@roster/config';
