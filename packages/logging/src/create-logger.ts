import { hostname } from 'node:os';
import type { LogFormat, LogLevel } from '@roster/config';
import { type DestinationStream, type Logger, type LoggerOptions, pino, stdTimeFunctions } from 'pino';
import { REDACT_PATHS, REDACTED } from './redaction.js';

export interface LoggerSettings {
  /** The process's name in every entry (`service`): api or worker. */
  service: string;
  level: LogLevel;
  format: LogFormat;
  /** Where entries go (default stdout); tests pass a stream they read. Always JSON when given. */
  destination?: DestinationStream;
  /** Fields added to every entry at the moment it is logged (the API's: the id of the request being handled). */
  mixin?: () => Record<string, unknown>;
}

/**
 * The process's root logger. Every entry is one line: JSON with `level` as a word and `time` in ISO 8601,
 * or, with format pretty, a readable line (pino-pretty, a development dependency: where it is not
 * installed, e.g. a production image, the logger says so once and writes JSON).
 */
export async function createLogger(settings: LoggerSettings): Promise<Logger> {
  const options: LoggerOptions = {
    level: settings.level,
    base: { service: settings.service, pid: process.pid, hostname: hostname() },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    ...(settings.mixin ? { mixin: settings.mixin } : {}),
  };
  if (settings.destination) return pino(options, settings.destination);
  if (settings.format === 'pretty') {
    const pretty = await prettyStream();
    if (pretty) return pino(options, pretty);
    const logger = pino(options, stdoutAsync());
    logger.warn('LOG_FORMAT=pretty needs pino-pretty, a development dependency that is not installed: writing JSON');
    return logger;
  }
  return pino(options, stdoutAsync());
}

/**
 * stdout written asynchronously: a line is handed to a write in the background and the lines logged while one
 * is in flight go out together, so a busy API does not pay a blocking write syscall per request (which halved
 * check-role's throughput in the benchmark). Lines still leave within moments; pino flushes what is left
 * synchronously when the process exits, process.exit() included.
 */
function stdoutAsync(): DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}

/** pino-pretty as an in-process stream (no worker thread), one line per entry so `pnpm start` can prefix it. */
async function prettyStream(): Promise<DestinationStream | null> {
  let pretty: typeof import('pino-pretty');
  try {
    pretty = (await import('pino-pretty')).default;
  } catch {
    return null;
  }
  return pretty({
    sync: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    // What the message below already says; ids and the actor stay as fields after it.
    ignore: 'pid,hostname,service,context,method,route,path,status,durationMs,job,outcome',
    messageFormat: prettyMessage,
  });
}

/** `GET /api/v1/me 200 12ms`, `usage.recount-account completed 40ms`, or `[Context] message`. */
function prettyMessage(entry: Record<string, unknown>, messageKey: string): string {
  if (typeof entry.method === 'string' && typeof entry.status === 'number') {
    return `${entry.method} ${String(entry.route ?? entry.path)} ${entry.status} ${String(entry.durationMs)}ms`;
  }
  if (typeof entry.job === 'string' && typeof entry.outcome === 'string') {
    const took = typeof entry.durationMs === 'number' ? ` ${entry.durationMs}ms` : '';
    return `${entry.job} ${entry.outcome}${took}`;
  }
  const context = typeof entry.context === 'string' ? `[${entry.context}] ` : '';
  return `${context}${String(entry[messageKey] ?? '')}`;
}
