import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const KEYS = `k1:${Buffer.alloc(32, 7).toString('base64')}`;

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/roster',
      redisUrl: 'redis://127.0.0.1:6379',
      apiHost: '127.0.0.1',
      apiPort: 3000,
      adminPort: 5173,
      queuePrefix: 'roster',
      usageRecountEveryMs: 900_000,
      nodeEnv: 'development',
      adminPassword: null,
      accessTokenTtlMs: 3_600_000,
      signingKeyRotationMs: 30 * 86_400_000,
      tokenIssuer: 'roster',
      trustProxyHops: 0,
      logLevel: 'info',
      logFormat: 'pretty',
    });
  });

  it('logs JSON outside development unless LOG_FORMAT says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'production', ENCRYPTION_KEYS: KEYS }).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'test' }).logFormat).toBe('json');
    expect(
      loadConfig({ NODE_ENV: 'production', ENCRYPTION_KEYS: KEYS, LOG_FORMAT: 'pretty', LOG_LEVEL: 'debug' }),
    ).toMatchObject({
      logFormat: 'pretty',
      logLevel: 'debug',
    });
  });

  it('reads TRUST_PROXY as a number of trusted proxies', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxyHops).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxyHops).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxyHops).toBe(0);
  });

  it('reads the metrics settings: off by default, a token of 16 characters or more, a port apart from the API', () => {
    expect(loadConfig({})).toMatchObject({ metricsToken: null, metricsPort: null });
    expect(loadConfig({ METRICS_TOKEN: 'a'.repeat(16), METRICS_PORT: '9464' })).toMatchObject({
      metricsToken: 'a'.repeat(16),
      metricsPort: 9464,
    });
    expect(loadConfig({ METRICS_PORT: '0' }).metricsPort).toBe(0);
    expect(() => loadConfig({ METRICS_TOKEN: 'too-short' })).toThrow(/METRICS_TOKEN must be 16–256 characters/);
    expect(() => loadConfig({ METRICS_TOKEN: 'has a space in the middle' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ METRICS_PORT: 'http' })).toThrow(/METRICS_PORT=http must be a port number/);
    expect(() => loadConfig({ METRICS_PORT: '3000' })).toThrow(/METRICS_PORT=3000 must differ from API_PORT/);
  });

  it('reads IMPORT_MAX_SIZE as bytes (units of 1024), 512 MB by default, and refuses what is not a size', () => {
    expect(loadConfig({}).importMaxBytes).toBe(512 * 1024 * 1024);
    expect(loadConfig({ IMPORT_MAX_SIZE: '64KB' }).importMaxBytes).toBe(65_536);
    expect(loadConfig({ IMPORT_MAX_SIZE: '1gb' }).importMaxBytes).toBe(1024 ** 3);
    expect(loadConfig({ IMPORT_MAX_SIZE: '1000' }).importMaxBytes).toBe(1000);
    for (const bad of ['lots', '0MB', '-1MB', '1.5GB', '2TB']) {
      expect(() => loadConfig({ IMPORT_MAX_SIZE: bad }), bad).toThrow(
        `IMPORT_MAX_SIZE=${bad} must be a size above zero like 512MB, 64KB or 1GB (units of 1024 bytes)`,
      );
    }
  });

  it('names every bad variable in one error', () => {
    const read = () =>
      loadConfig({
        API_PORT: '70000',
        DATABASE_URL: 'mysql://x/y',
        USAGE_RECOUNT_EVERY: 'often',
        NODE_ENV: 'staging',
        ROSTER_ADMIN_PASSWORD: 'short',
        ACCESS_TOKEN_TTL: 'forever',
        TRUST_PROXY: 'yes',
        LOG_LEVEL: 'verbose',
        LOG_FORMAT: 'text',
      });
    expect(read).toThrow(ConfigError);
    try {
      read();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of [
        'API_PORT',
        'DATABASE_URL',
        'USAGE_RECOUNT_EVERY',
        'NODE_ENV',
        'ROSTER_ADMIN_PASSWORD',
        'ACCESS_TOKEN_TTL',
        'TRUST_PROXY',
        'LOG_LEVEL=verbose must be one of fatal, error, warn, info, debug, trace, silent',
        'LOG_FORMAT=text must be json',
      ]) {
        expect(problems).toContain(name);
      }
    }
  });

  it('waits 5s before closing the listener in production only, and gives the whole stop 25s', () => {
    expect(loadConfig({})).toMatchObject({ shutdownDelayMs: 0, shutdownTimeoutMs: 25_000 });
    expect(loadConfig({ NODE_ENV: 'test' }).shutdownDelayMs).toBe(0);
    expect(loadConfig({ NODE_ENV: 'production', ENCRYPTION_KEYS: KEYS }).shutdownDelayMs).toBe(5_000);
    expect(
      loadConfig({ SHUTDOWN_DELAY: '0', SHUTDOWN_TIMEOUT: '1m', NODE_ENV: 'production', ENCRYPTION_KEYS: KEYS }),
    ).toMatchObject({
      shutdownDelayMs: 0,
      shutdownTimeoutMs: 60_000,
    });
    expect(loadConfig({ SHUTDOWN_DELAY: '1500ms', SHUTDOWN_TIMEOUT: '2s' })).toMatchObject({
      shutdownDelayMs: 1_500,
      shutdownTimeoutMs: 2_000,
    });
  });

  it('names an unreadable SHUTDOWN_DELAY or SHUTDOWN_TIMEOUT, and a delay that does not fit in the timeout', () => {
    expect(() => loadConfig({ SHUTDOWN_DELAY: 'soon' })).toThrow(/SHUTDOWN_DELAY=soon must be a duration like 0s/);
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT: '0s' })).toThrow(/SHUTDOWN_TIMEOUT=0s must be a duration above zero/);
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT: '-5s' })).toThrow(/SHUTDOWN_TIMEOUT=-5s/);
    expect(() => loadConfig({ SHUTDOWN_DELAY: '30s' })).toThrow(
      /SHUTDOWN_DELAY=30s must be shorter than SHUTDOWN_TIMEOUT=25s/,
    );
  });

  it('asks production for ENCRYPTION_KEYS, and reads every key of a rotation in order', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/ENCRYPTION_KEYS must be set in production/);
    const old = Buffer.alloc(32, 1).toString('base64');
    const keys = loadConfig({
      ENCRYPTION_KEYS: `new:${Buffer.alloc(32, 2).toString('base64')}, old:${old}`,
    }).encryptionKeys;
    expect(keys.map((k) => k.id)).toEqual(['new', 'old']);
    expect(keys[1]!.key).toEqual(Buffer.alloc(32, 1));
    expect(() => loadConfig({ ENCRYPTION_KEYS: 'short:AAAA' })).toThrow(/entry 1 must be id:base64 of 32 bytes/);
    expect(() => loadConfig({ ENCRYPTION_KEYS: `a:${old},a:${old}` })).toThrow(/names the key a twice/);
  });
});
