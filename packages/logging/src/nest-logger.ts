import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';
import { currentLogger } from './log-context.js';

/** A stack trace as Nest passes it beside a message (ExceptionHandler, `Logger.error(message, stack)`). */
const STACK = /\n\s+at /;

/**
 * Nest's LoggerService on pino: Nest's own lines (bootstrap, errors) and every `new Logger(Context)` call
 * become JSON entries with a `context` field, written through the current request's or job's logger when
 * there is one (so they carry its request id or job id), else through the root logger.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /**
   * Nest calls `(message, ...extras, context)`: a `new Logger('X')` appends its context last, and
   * `error` may carry a stack string as its first extra.
   */
  private write(level: Level, message: unknown, params: unknown[]): void {
    const logger = currentLogger() ?? this.root;
    if (!logger.isLevelEnabled(level)) return;
    const extras = [...params];
    const fields: Record<string, unknown> = {};
    if (extras.length > 0 && typeof extras.at(-1) === 'string' && !STACK.test(extras.at(-1) as string)) {
      fields.context = extras.pop();
    }
    let text: string | undefined;
    if (message instanceof Error) fields.err = message;
    else if (typeof message === 'object' && message !== null) Object.assign(fields, message);
    else text = String(message);
    const values: unknown[] = [];
    for (const extra of extras) {
      if (extra === undefined) continue;
      if (extra instanceof Error) fields.err = extra;
      else if (typeof extra === 'string' && STACK.test(extra)) fields.err = stackOnly(text, extra);
      else values.push(extra);
    }
    if (values.length > 0) fields.params = values;
    logger[level](fields, text);
  }
}

/** An Error for a stack Nest passed without its Error, so it serializes like one. */
function stackOnly(message: string | undefined, stack: string): Error {
  const error = new Error(message ?? stack.split('\n')[0] ?? '');
  error.stack = stack;
  return error;
}
