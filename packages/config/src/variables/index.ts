import type { Variable } from '../variable.js';
import { ENCRYPTION_KEYS } from './encryption-keys.js';
import { IMPORT_MAX_SIZE } from './imports.js';
import {
  API_HOST,
  API_PORT,
  ADMIN_PORT,
  METRICS_PORT,
  METRICS_TOKEN,
  TRUST_PROXY,
  WORKER_HOST,
  WORKER_PORT,
} from './listeners.js';
import { LOG_FORMAT, LOG_LEVEL } from './logging.js';
import { ROSTER_ADMIN_PASSWORD, ROSTER_ADMIN_USERNAME } from './platform-admin.js';
import {
  DATABASE_URL,
  NODE_ENV,
  REDIS_CLUSTER_NODES,
  REDIS_URL,
  ROSTER_QUEUE_PREFIX,
  TOKEN_ISSUER,
} from './services.js';
import {
  ACCESS_TOKEN_TTL,
  JOB_LOCK_DURATION,
  OUTBOX_RELAY_AFTER,
  SHUTDOWN_DELAY,
  SHUTDOWN_TIMEOUT,
  SIGNING_KEY_ROTATION,
  USAGE_RECOUNT_EVERY,
} from './timings.js';
import { WEBHOOK_ALLOW_PRIVATE_ADDRESSES, WEBHOOK_MAX_ATTEMPTS_VARIABLE, WEBHOOK_RETRY_BASE } from './webhooks.js';

export * from './encryption-keys.js';
export * from './imports.js';
export * from './listeners.js';
export * from './logging.js';
export * from './platform-admin.js';
export * from './services.js';
export * from './timings.js';
export * from './webhooks.js';

/** Every variable Roster's api, worker and `pnpm start` read (README's configuration table lists each). */
export const ALL_VARIABLES: readonly Variable<unknown>[] = [
  DATABASE_URL,
  REDIS_URL,
  REDIS_CLUSTER_NODES,
  API_PORT,
  API_HOST,
  ADMIN_PORT,
  ROSTER_ADMIN_USERNAME,
  ROSTER_ADMIN_PASSWORD,
  ROSTER_QUEUE_PREFIX,
  USAGE_RECOUNT_EVERY,
  OUTBOX_RELAY_AFTER,
  JOB_LOCK_DURATION,
  NODE_ENV,
  ACCESS_TOKEN_TTL,
  SIGNING_KEY_ROTATION,
  TOKEN_ISSUER,
  TRUST_PROXY,
  ENCRYPTION_KEYS,
  METRICS_TOKEN,
  METRICS_PORT,
  WORKER_PORT,
  WORKER_HOST,
  LOG_LEVEL,
  LOG_FORMAT,
  SHUTDOWN_DELAY,
  SHUTDOWN_TIMEOUT,
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
  WEBHOOK_RETRY_BASE,
  WEBHOOK_MAX_ATTEMPTS_VARIABLE,
  IMPORT_MAX_SIZE,
];
