import { describe, expect, it } from 'vitest';
import { readLogSettings } from './settings.js';

describe('readLogSettings', () => {
  it('defaults to info, pretty in development and JSON elsewhere', () => {
    expect(readLogSettings({}, 'development', [])).toEqual({ logLevel: 'info', logFormat: 'pretty' });
    expect(readLogSettings({}, 'production', [])).toEqual({ logLevel: 'info', logFormat: 'json' });
    expect(readLogSettings({ LOG_LEVEL: 'trace', LOG_FORMAT: 'json' }, 'development', [])).toEqual({
      logLevel: 'trace',
      logFormat: 'json',
    });
  });

  it('names each bad value and what it may be', () => {
    const problems: string[] = [];
    readLogSettings({ LOG_LEVEL: 'verbose', LOG_FORMAT: 'ecs' }, 'production', problems);
    expect(problems).toEqual([
      'LOG_LEVEL=verbose must be one of fatal, error, warn, info, debug, trace, silent',
      'LOG_FORMAT=ecs must be json (one JSON object per line) or pretty (readable lines)',
    ]);
  });
});
