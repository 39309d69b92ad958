import { choiceVariable } from '../kinds.js';

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

export const LOG_LEVEL = choiceVariable(
  { name: 'LOG_LEVEL', doc: 'the least severe level logged (API and worker)', fallback: 'info' },
  LOG_LEVELS,
  `must be one of ${LOG_LEVELS.join(', ')}`,
);

export const LOG_FORMAT = choiceVariable(
  {
    name: 'LOG_FORMAT',
    doc: 'json: one JSON object per line; pretty: readable lines',
    fallback: ({ nodeEnv }) => (nodeEnv === 'development' ? 'pretty' : 'json'),
    documentedDefault: '`pretty` in development, else `json`',
  },
  LOG_FORMATS,
  'must be json (one JSON object per line) or pretty (readable lines)',
);
