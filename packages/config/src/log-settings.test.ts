import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { problemsOf } from '../test/problems-of.js';
import { select } from './select.js';
import { LOG_FORMAT, LOG_LEVEL } from './variables/logging.js';

const LOG_SETTINGS = { logLevel: LOG_LEVEL, logFormat: LOG_FORMAT };
const readLogSettings = (env: Record<string, string>) => select(env, LOG_SETTINGS);

describe('LOG_LEVEL and LOG_FORMAT', () => {
  it('default to info, pretty in development and JSON elsewhere', () => {
    expect(readLogSettings({})).toEqual({ logLevel: 'info', logFormat: 'pretty' });
    expect(readLogSettings({ NODE_ENV: 'development' })).toEqual({ logLevel: 'info', logFormat: 'pretty' });
    expect(readLogSettings({ NODE_ENV: 'production' })).toEqual({ logLevel: 'info', logFormat: 'json' });
    expect(readLogSettings({ LOG_LEVEL: 'trace', LOG_FORMAT: 'json' })).toEqual({
      logLevel: 'trace',
      logFormat: 'json',
    });
  });

  it('name each bad value and what it may be', () => {
    const read = () => readLogSettings({ NODE_ENV: 'production', LOG_LEVEL: 'verbose', LOG_FORMAT: 'ecs' });
    expect(read).toThrow(ConfigError);
    expect(problemsOf(read)).toEqual([
      'LOG_LEVEL=verbose must be one of fatal, error, warn, info, debug, trace, silent',
      'LOG_FORMAT=ecs must be json (one JSON object per line) or pretty (readable lines)',
    ]);
  });
});
