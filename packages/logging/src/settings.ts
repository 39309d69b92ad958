/** pino's levels, most to least severe, and `silent`, which logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `json`: one JSON object per line (production, test); `pretty`: one readable line per entry (development). */
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LogSettings {
  logLevel: LogLevel;
  logFormat: LogFormat;
}

/**
 * Reads LOG_LEVEL (default info) and LOG_FORMAT (default pretty in development, json otherwise) for the
 * API's and the worker's config loaders, adding one line per bad value to `problems`.
 */
export function readLogSettings(
  env: Record<string, string | undefined>,
  nodeEnv: string,
  problems: string[],
): LogSettings {
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL=${logLevel} must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const logFormat = env.LOG_FORMAT ?? (nodeEnv === 'development' ? 'pretty' : 'json');
  if (!(LOG_FORMATS as readonly string[]).includes(logFormat)) {
    problems.push(`LOG_FORMAT=${logFormat} must be json (one JSON object per line) or pretty (readable lines)`);
  }
  return { logLevel: logLevel as LogLevel, logFormat: logFormat as LogFormat };
}
