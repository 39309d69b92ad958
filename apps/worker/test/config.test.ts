import { describe, expect, it } from 'vitest';
import { ConfigError, loadWorkerConfig } from '../src/config/config.js';

describe('worker configuration', () => {
  it('recounts usage every 15 minutes unless USAGE_RECOUNT_EVERY says otherwise', () => {
    expect(loadWorkerConfig({}).usageRecountEveryMs).toBe(900_000);
    expect(loadWorkerConfig({ USAGE_RECOUNT_EVERY: '1h' }).usageRecountEveryMs).toBe(3_600_000);
  });

  it('names an unreadable USAGE_RECOUNT_EVERY', () => {
    expect(() => loadWorkerConfig({ USAGE_RECOUNT_EVERY: 'often' })).toThrow(ConfigError);
    expect(() => loadWorkerConfig({ USAGE_RECOUNT_EVERY: '0m' })).toThrow(/USAGE_RECOUNT_EVERY=0m must be a duration/);
  });
});
