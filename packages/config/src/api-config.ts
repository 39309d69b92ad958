import { select, type Selection, variableNames } from './select.js';
import type { Env } from './variable.js';
import {
  ACCESS_TOKEN_TTL,
  ADMIN_PORT,
  API_HOST,
  API_PORT,
  DATABASE_URL,
  delayWithinTimeout,
  ENCRYPTION_KEYS,
  type EncryptionKey,
  IMPORT_MAX_SIZE,
  LOG_FORMAT,
  LOG_LEVEL,
  type LogSettings,
  METRICS_PORT,
  METRICS_TOKEN,
  metricsPortApart,
  NODE_ENV,
  type NodeEnv,
  REDIS_CLUSTER_NODES,
  type RedisClusterNodes,
  REDIS_URL,
  ROSTER_ADMIN_PASSWORD,
  ROSTER_ADMIN_USERNAME,
  ROSTER_QUEUE_PREFIX,
  SHUTDOWN_DELAY,
  SHUTDOWN_TIMEOUT,
  SIGNING_KEY_ROTATION,
  TOKEN_ISSUER,
  TRUST_PROXY,
  USAGE_RECOUNT_EVERY,
} from './variables/index.js';

export interface ShutdownTimings {
  /** SHUTDOWN_DELAY: after a stop signal, how long readiness fails while requests are still served. */
  shutdownDelayMs: number;
  /** SHUTDOWN_TIMEOUT: from the signal, how long the delay and the drain may take before exiting non-zero. */
  shutdownTimeoutMs: number;
}

/** Everything the API reads from the environment (API.md §1, README's configuration table). */
export interface ApiConfig extends LogSettings, ShutdownTimings {
  databaseUrl: string;
  redisUrl: string;
  /** REDIS_CLUSTER_NODES: a Redis Cluster's seeds, used instead of redisUrl; null = one Redis at redisUrl. */
  redisCluster: RedisClusterNodes | null;
  apiHost: string;
  apiPort: number;
  adminPort: number;
  adminUsername: string;
  adminPassword: string | null;
  queuePrefix: string;
  usageRecountEveryMs: number;
  nodeEnv: NodeEnv;
  /** How long an operator session token lives (fixed, not a variable). */
  sessionTtlMs: number;
  /** How long an end-user access token lives. */
  accessTokenTtlMs: number;
  /** How long one key signs access tokens before a new one takes over. */
  signingKeyRotationMs: number;
  /** The JWT "iss" of end-user access tokens. */
  tokenIssuer: string;
  /**
   * How many proxies in front of the API to trust: the client IP is the address the outermost of them
   * saw (X-Forwarded-For read from the right), so a client cannot choose its own. 0 = the connection.
   */
  trustProxyHops: number;
  /** METRICS_TOKEN: the bearer token GET /metrics asks for; null = no token. */
  metricsToken: string | null;
  /** METRICS_PORT: a second port, on API_HOST, serving only /metrics; null = none. */
  metricsPort: number | null;
  /** ENCRYPTION_KEYS: key-encryption keys for secrets at rest; the first encrypts, all decrypt. */
  encryptionKeys: EncryptionKey[];
  /** IMPORT_MAX_SIZE: the most one import upload may weigh, in bytes (413 above it). */
  importMaxBytes: number;
}

const SESSION_TTL_MS = 12 * 3_600_000;

const API: Selection<Omit<ApiConfig, 'sessionTtlMs'>> = {
  databaseUrl: DATABASE_URL,
  redisUrl: REDIS_URL,
  redisCluster: REDIS_CLUSTER_NODES,
  apiHost: API_HOST,
  apiPort: API_PORT,
  adminPort: ADMIN_PORT,
  adminUsername: ROSTER_ADMIN_USERNAME,
  adminPassword: ROSTER_ADMIN_PASSWORD,
  queuePrefix: ROSTER_QUEUE_PREFIX,
  usageRecountEveryMs: USAGE_RECOUNT_EVERY,
  nodeEnv: NODE_ENV,
  accessTokenTtlMs: ACCESS_TOKEN_TTL,
  signingKeyRotationMs: SIGNING_KEY_ROTATION,
  tokenIssuer: TOKEN_ISSUER,
  trustProxyHops: TRUST_PROXY,
  metricsToken: METRICS_TOKEN,
  metricsPort: METRICS_PORT,
  encryptionKeys: ENCRYPTION_KEYS,
  importMaxBytes: IMPORT_MAX_SIZE,
  logLevel: LOG_LEVEL,
  logFormat: LOG_FORMAT,
  shutdownDelayMs: SHUTDOWN_DELAY,
  shutdownTimeoutMs: SHUTDOWN_TIMEOUT,
};

/** The variables the API reads (the deployment contract of infra/test checks each is set or rightly defaulted). */
export const API_VARIABLES: readonly string[] = variableNames(API);

/** Reads and validates the API's configuration; throws one ConfigError naming every bad variable. */
export function loadApiConfig(env: Env = process.env): ApiConfig {
  return { ...select(env, API, [metricsPortApart, delayWithinTimeout]), sessionTtlMs: SESSION_TTL_MS };
}
