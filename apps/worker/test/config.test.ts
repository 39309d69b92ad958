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

  it('gives active jobs 25s to finish after a stop signal unless SHUTDOWN_TIMEOUT says otherwise', () => {
    expect(loadWorkerConfig({}).shutdownTimeoutMs).toBe(25_000);
    expect(loadWorkerConfig({ SHUTDOWN_TIMEOUT: '2m' }).shutdownTimeoutMs).toBe(120_000);
    expect(() => loadWorkerConfig({ SHUTDOWN_TIMEOUT: '0s' })).toThrow(
      /SHUTDOWN_TIMEOUT=0s must be a duration above zero like 25s/,
    );
    expect(() => loadWorkerConfig({ SHUTDOWN_TIMEOUT: 'never' })).toThrow(ConfigError);
  });
});
