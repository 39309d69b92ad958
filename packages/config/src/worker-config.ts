import { select, type Selection, variableNames } from './select.js';
import type { Env } from './variable.js';
import {
  DATABASE_URL,
  ENCRYPTION_KEYS,
  type EncryptionKey,
  JOB_LOCK_DURATION,
  LOG_FORMAT,
  LOG_LEVEL,
  type LogSettings,
  METRICS_TOKEN,
  NODE_ENV,
  type NodeEnv,
  OUTBOX_RELAY_AFTER,
  REDIS_CLUSTER_NODES,
  type RedisClusterNodes,
  REDIS_URL,
  ROSTER_QUEUE_PREFIX,
  SHUTDOWN_TIMEOUT,
  USAGE_RECOUNT_EVERY,
  WORKER_HOST,
  WORKER_PORT,
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
  WEBHOOK_MAX_ATTEMPTS_VARIABLE,
  WEBHOOK_RETRY_BASE,
} from './variables/index.js';

/** The worker's configuration (API.md §1, README's configuration table). */
export interface WorkerConfig extends LogSettings {
  databaseUrl: string;
  redisUrl: string;
  /** REDIS_CLUSTER_NODES: a Redis Cluster's seeds, used instead of redisUrl; null = one Redis at redisUrl. */
  redisCluster: RedisClusterNodes | null;
  /** BullMQ key prefix; the API must use the same one or its jobs never reach this worker. */
  queuePrefix: string;
  nodeEnv: NodeEnv;
  /** USAGE_RECOUNT_EVERY: the period of each account's recount scheduler (DESIGN.md §6). */
  usageRecountEveryMs: number;
  /** WORKER_HOST, WORKER_PORT: where the ops server (/metrics, /health/live, /health/ready) listens. */
  workerHost: string;
  workerPort: number;
  /** METRICS_TOKEN: when set, /metrics asks for it as a bearer token; null = no token (internal port). */
  metricsToken: string | null;
  /** SHUTDOWN_TIMEOUT: how long active jobs may take to finish after a stop signal. */
  shutdownTimeoutMs: number;
  /** OUTBOX_RELAY_AFTER: how old an undelivered change event must be before the relay delivers it. */
  outboxRelayAfterMs: number;
  /** JOB_LOCK_DURATION: how long a job stays locked to a worker that stopped renewing (it crashed). */
  jobLockDurationMs: number;
  /** ENCRYPTION_KEYS: open the webhook endpoints' sealed signing secrets. */
  encryptionKeys: EncryptionKey[];
  /** WEBHOOK_ALLOW_PRIVATE_ADDRESSES: whether webhook URLs may reach private, loopback or link-local addresses. */
  webhookAllowPrivateAddresses: boolean;
  /** WEBHOOK_RETRY_BASE: the first retry's wait; later ones double (webhookRetryDelayMs). */
  webhookRetryBaseMs: number;
  /** WEBHOOK_MAX_ATTEMPTS: attempts of one delivery before it fails and its endpoint is disabled. */
  webhookMaxAttempts: number;
}

const WORKER: Selection<WorkerConfig> = {
  databaseUrl: DATABASE_URL,
  redisUrl: REDIS_URL,
  redisCluster: REDIS_CLUSTER_NODES,
  queuePrefix: ROSTER_QUEUE_PREFIX,
  nodeEnv: NODE_ENV,
  usageRecountEveryMs: USAGE_RECOUNT_EVERY,
  workerHost: WORKER_HOST,
  workerPort: WORKER_PORT,
  metricsToken: METRICS_TOKEN,
  logLevel: LOG_LEVEL,
  logFormat: LOG_FORMAT,
  shutdownTimeoutMs: SHUTDOWN_TIMEOUT,
  outboxRelayAfterMs: OUTBOX_RELAY_AFTER,
  jobLockDurationMs: JOB_LOCK_DURATION,
  encryptionKeys: ENCRYPTION_KEYS,
  webhookAllowPrivateAddresses: WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
  webhookRetryBaseMs: WEBHOOK_RETRY_BASE,
  webhookMaxAttempts: WEBHOOK_MAX_ATTEMPTS_VARIABLE,
};

/** The variables the worker reads. */
export const WORKER_VARIABLES: readonly string[] = variableNames(WORKER);

/** Reads and validates the worker's configuration; throws one ConfigError with a line per bad variable. */
export function loadWorkerConfig(env: Env = process.env): WorkerConfig {
  return select(env, WORKER);
}
