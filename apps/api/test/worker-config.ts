import type { WorkerConfig } from '@roster/config';
import type { TestApp } from './harness.js';

/** The worker's configuration on the app's database, Redis and queue prefix (what `pnpm start` runs beside it). */
export function workerConfigFor(t: TestApp, overrides: Partial<WorkerConfig> = {}): WorkerConfig {
  const { databaseUrl, redisUrl, redisCluster, queuePrefix, usageRecountEveryMs, shutdownTimeoutMs, encryptionKeys } =
    t.config;
  return {
    databaseUrl,
    redisUrl,
    redisCluster: redisCluster ?? null,
    queuePrefix,
    usageRecountEveryMs,
    shutdownTimeoutMs,
    outboxRelayAfterMs: 10_000,
    jobLockDurationMs: 30_000,
    encryptionKeys,
    webhookAllowPrivateAddresses: true,
    webhookRetryBaseMs: 30_000,
    webhookMaxAttempts: 21,
    nodeEnv: 'test',
    workerHost: '127.0.0.1',
    workerPort: 3001, // not started: the tests run the context only
    metricsToken: null,
    logLevel: 'silent',
    logFormat: 'json',
    ...overrides,
  };
}
