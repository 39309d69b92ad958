import { describe, expect, it } from 'vitest';
import { ConfigError, loadWorkerConfig } from '../src/config/config.js';

/** A well-formed key list: production refuses to start without one. */
const PRODUCTION_KEYS = `k1:${Buffer.alloc(32, 7).toString('base64')}`;

describe('worker configuration', () => {
  it('recounts usage every 15 minutes unless USAGE_RECOUNT_EVERY says otherwise', () => {
    expect(loadWorkerConfig({}).usageRecountEveryMs).toBe(900_000);
    expect(loadWorkerConfig({ USAGE_RECOUNT_EVERY: '1h' }).usageRecountEveryMs).toBe(3_600_000);
  });

  it('names an unreadable USAGE_RECOUNT_EVERY', () => {
    expect(() => loadWorkerConfig({ USAGE_RECOUNT_EVERY: 'often' })).toThrow(ConfigError);
    expect(() => loadWorkerConfig({ USAGE_RECOUNT_EVERY: '0m' })).toThrow(/USAGE_RECOUNT_EVERY=0m must be a duration/);
  });

  it('relays change events left undelivered for 10s unless OUTBOX_RELAY_AFTER says otherwise', () => {
    expect(loadWorkerConfig({}).outboxRelayAfterMs).toBe(10_000);
    expect(loadWorkerConfig({ OUTBOX_RELAY_AFTER: '500ms' }).outboxRelayAfterMs).toBe(500);
    expect(() => loadWorkerConfig({ OUTBOX_RELAY_AFTER: 'soon' })).toThrow(
      /OUTBOX_RELAY_AFTER=soon must be a duration like 500ms, 10s or 1m/,
    );
  });

  it('gives active jobs 25s to finish after a stop signal unless SHUTDOWN_TIMEOUT says otherwise', () => {
    expect(loadWorkerConfig({}).shutdownTimeoutMs).toBe(25_000);
    expect(loadWorkerConfig({ SHUTDOWN_TIMEOUT: '2m' }).shutdownTimeoutMs).toBe(120_000);
    expect(() => loadWorkerConfig({ SHUTDOWN_TIMEOUT: '0s' })).toThrow(
      /SHUTDOWN_TIMEOUT=0s must be a duration above zero like 25s/,
    );
    expect(() => loadWorkerConfig({ SHUTDOWN_TIMEOUT: 'never' })).toThrow(ConfigError);
  });

  it('puts the ops server on 127.0.0.1:3001 unless WORKER_HOST and WORKER_PORT say otherwise', () => {
    expect(loadWorkerConfig({})).toMatchObject({ workerHost: '127.0.0.1', workerPort: 3001, metricsToken: null });
    expect(loadWorkerConfig({ WORKER_HOST: '0.0.0.0', WORKER_PORT: '9465' })).toMatchObject({
      workerHost: '0.0.0.0',
      workerPort: 9465,
    });
    expect(() => loadWorkerConfig({ WORKER_PORT: '0' })).toThrow(/WORKER_PORT=0 must be a port number/);
  });

  it('takes a METRICS_TOKEN of 16 characters or more', () => {
    expect(loadWorkerConfig({ METRICS_TOKEN: 'b'.repeat(16) }).metricsToken).toBe('b'.repeat(16));
    expect(() => loadWorkerConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be 16–256 characters/);
  });
});

describe('worker log settings', () => {
  it('logs at info, readable in development and JSON elsewhere, unless LOG_LEVEL and LOG_FORMAT say otherwise', () => {
    expect(loadWorkerConfig({})).toMatchObject({ logLevel: 'info', logFormat: 'pretty' });
    expect(loadWorkerConfig({ NODE_ENV: 'production', ENCRYPTION_KEYS: PRODUCTION_KEYS })).toMatchObject({
      logLevel: 'info',
      logFormat: 'json',
    });
    expect(loadWorkerConfig({ LOG_LEVEL: 'silent', LOG_FORMAT: 'json' })).toMatchObject({
      logLevel: 'silent',
      logFormat: 'json',
    });
  });

  it('names a bad LOG_LEVEL and LOG_FORMAT', () => {
    expect(() => loadWorkerConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL=loud must be one of fatal, error/);
    expect(() => loadWorkerConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT=xml must be json/);
  });
});

describe('worker webhook settings', () => {
  it('refuses private addresses in production only, and retries about three days by default', () => {
    expect(loadWorkerConfig({})).toMatchObject({
      webhookAllowPrivateAddresses: true,
      webhookRetryBaseMs: 30_000,
      webhookMaxAttempts: 21,
    });
    const production = loadWorkerConfig({ NODE_ENV: 'production', ENCRYPTION_KEYS: PRODUCTION_KEYS });
    expect(production.webhookAllowPrivateAddresses).toBe(false);
    expect(production.encryptionKeys.map((key) => key.id)).toEqual(['k1']);
  });

  it('needs ENCRYPTION_KEYS in production (it opens the webhook secrets) and names bad values', () => {
    expect(() => loadWorkerConfig({ NODE_ENV: 'production' })).toThrow(/ENCRYPTION_KEYS must be set in production/);
    expect(() => loadWorkerConfig({ WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'yes' })).toThrow(
      /WEBHOOK_ALLOW_PRIVATE_ADDRESSES=yes must be true or false/,
    );
    expect(() => loadWorkerConfig({ WEBHOOK_MAX_ATTEMPTS: '0' })).toThrow(
      /WEBHOOK_MAX_ATTEMPTS=0 must be a whole number/,
    );
    expect(() => loadWorkerConfig({ WEBHOOK_RETRY_BASE: 'soon' })).toThrow(
      /WEBHOOK_RETRY_BASE=soon must be a duration/,
    );
  });
});
