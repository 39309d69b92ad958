import { parseDuration, usernameProblem } from '@roster/domain';
import { type LogSettings, readLogSettings } from '@roster/logging';
import { readMetricsToken } from '@roster/ops';
import { type EncryptionKey, readEncryptionKeys } from './encryption-keys.js';
import { readShutdownTimings, type ShutdownTimings } from './shutdown-timings.js';

/** Everything the API reads from the environment (API.md §1). LOG_LEVEL and LOG_FORMAT: see README. */
export interface Config extends LogSettings, ShutdownTimings {
  databaseUrl: string;
  redisUrl: string;
  apiHost: string;
  apiPort: number;
  adminPort: number;
  adminUsername: string;
  adminPassword: string | null;
  queuePrefix: string;
  usageRecountEveryMs: number;
  nodeEnv: 'development' | 'production' | 'test';
  /** How long an operator session token lives. */
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
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

function url(env: Env, name: string, fallback: string, protocols: string[], problems: string[]): string {
  const value = env[name] ?? fallback;
  try {
    const parsed = new URL(value);
    if (!protocols.includes(parsed.protocol)) {
      problems.push(`${name}=${value} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    }
  } catch {
    problems.push(`${name}=${value} is not a URL (example: ${fallback})`);
  }
  return value;
}

function duration(env: Env, name: string, fallback: string, problems: string[]): number {
  const text = env[name] ?? fallback;
  const value = parseDuration(text);
  if (value === null) problems.push(`${name}=${text} must be a duration like 30s, 15m, 1h or 30d`);
  return value ?? 0;
}

/** "false" → 0, "true" → 1 (one proxy), or a number of proxy hops. */
function proxyHops(env: Env, name: string, problems: string[]): number {
  const value = env[name] ?? 'false';
  if (value === 'false') return 0;
  if (value === 'true') return 1;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  problems.push(`${name}=${value} must be false, true (one proxy) or the number of proxies in front of the API`);
  return 0;
}

function port(env: Env, name: string, fallback: number, problems: string[]): number {
  const value = env[name];
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > 65535) {
    problems.push(`${name}=${value} must be a port number between 1 and 65535`);
  }
  return parsed;
}

/**
 * METRICS_PORT also takes 0 (any free port, logged at start: what tests use), and must differ from
 * API_PORT, which would otherwise serve /metrics without a token.
 */
function metricsPort(env: Env, apiPort: number, problems: string[]): number | null {
  const value = env.METRICS_PORT;
  if (value === undefined || value === '') return null;
  if (value === '0') return 0;
  const parsed = port(env, 'METRICS_PORT', 0, problems);
  if (parsed === apiPort) problems.push(`METRICS_PORT=${value} must differ from API_PORT`);
  return parsed;
}

/** Reads and validates the configuration; throws one ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV=${nodeEnv} must be development, production or test`);
  }
  const recountEvery = env.USAGE_RECOUNT_EVERY ?? '15m';
  const usageRecountEveryMs = parseDuration(recountEvery);
  if (usageRecountEveryMs === null) {
    problems.push(`USAGE_RECOUNT_EVERY=${recountEvery} must be a duration like 30s, 15m or 1h`);
  }
  const queuePrefix = env.ROSTER_QUEUE_PREFIX ?? 'roster';
  if (!/^[A-Za-z0-9_.:{}-]{1,64}$/.test(queuePrefix)) {
    problems.push(`ROSTER_QUEUE_PREFIX=${queuePrefix} must be 1–64 letters, digits or _ . : - { }`);
  }
  const adminUsername = env.ROSTER_ADMIN_USERNAME ?? 'admin';
  if (adminUsername.trim().length === 0 || adminUsername.length > 250) {
    problems.push('ROSTER_ADMIN_USERNAME must be 1–250 characters');
  }
  const adminUsernameProblem = usernameProblem(adminUsername);
  if (adminUsernameProblem) problems.push(`ROSTER_ADMIN_USERNAME ${adminUsernameProblem}`);
  const adminPassword = env.ROSTER_ADMIN_PASSWORD ?? null;
  if (adminPassword !== null && (adminPassword.length < 8 || adminPassword.length > 256)) {
    problems.push('ROSTER_ADMIN_PASSWORD must be 8–256 characters');
  }
  const apiPort = port(env, 'API_PORT', 3000, problems);
  const config: Config = {
    databaseUrl: url(
      env,
      'DATABASE_URL',
      'postgres://postgres@127.0.0.1:5432/roster',
      ['postgres:', 'postgresql:'],
      problems,
    ),
    redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:'], problems),
    apiHost: env.API_HOST ?? '127.0.0.1',
    apiPort,
    adminPort: port(env, 'ADMIN_PORT', 5173, problems),
    adminUsername,
    adminPassword,
    queuePrefix,
    usageRecountEveryMs: usageRecountEveryMs ?? 0,
    nodeEnv: nodeEnv as Config['nodeEnv'],
    sessionTtlMs: 12 * 3_600_000,
    accessTokenTtlMs: duration(env, 'ACCESS_TOKEN_TTL', '1h', problems),
    signingKeyRotationMs: duration(env, 'SIGNING_KEY_ROTATION', '30d', problems),
    tokenIssuer: env.TOKEN_ISSUER ?? 'roster',
    trustProxyHops: proxyHops(env, 'TRUST_PROXY', problems),
    metricsToken: readMetricsToken(env, problems),
    metricsPort: metricsPort(env, apiPort, problems),
    encryptionKeys: readEncryptionKeys(env, nodeEnv, problems),
    ...readLogSettings(env, nodeEnv, problems),
    ...readShutdownTimings(env, nodeEnv, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Nest injection token for the validated Config. */
export const CONFIG = Symbol('CONFIG');
