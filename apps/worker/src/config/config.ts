import { parseDuration } from '@roster/domain';
import { type LogSettings, readLogSettings } from '@roster/logging';
import { readMetricsToken } from '@roster/ops';
import { readShutdownTimeout } from './shutdown-timeout.js';

/**
 * The worker's slice of the configuration (API.md §1). It mirrors the API's loader for the
 * variables both read — same names, defaults and rules — because production code of one app
 * does not import another (only the API's end-to-end test starts the worker); moving one shared
 * loader into a package would remove this copy.
 */
export interface WorkerConfig extends LogSettings {
  databaseUrl: string;
  redisUrl: string;
  /** BullMQ key prefix; the API must use the same one or its jobs never reach this worker. */
  queuePrefix: string;
  nodeEnv: 'development' | 'production' | 'test';
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
    if (!protocols.includes(new URL(value).protocol)) {
      problems.push(`${name}=${value} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    }
  } catch {
    problems.push(`${name}=${value} is not a URL (example: ${fallback})`);
  }
  return value;
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

/** Reads and validates the configuration; throws one ConfigError with a line per bad variable. */
export function loadWorkerConfig(env: Env = process.env): WorkerConfig {
  const problems: string[] = [];
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    problems.push(`NODE_ENV=${nodeEnv} must be development, production or test`);
  }
  const queuePrefix = env.ROSTER_QUEUE_PREFIX ?? 'roster';
  if (!/^[A-Za-z0-9_.:{}-]{1,64}$/.test(queuePrefix)) {
    problems.push(`ROSTER_QUEUE_PREFIX=${queuePrefix} must be 1–64 letters, digits or _ . : - { }`);
  }
  const recountEvery = env.USAGE_RECOUNT_EVERY ?? '15m';
  const usageRecountEveryMs = parseDuration(recountEvery);
  if (usageRecountEveryMs === null) {
    problems.push(`USAGE_RECOUNT_EVERY=${recountEvery} must be a duration like 30s, 15m or 1h`);
  }
  const relayAfter = env.OUTBOX_RELAY_AFTER ?? '10s';
  const outboxRelayAfterMs = parseDuration(relayAfter);
  if (outboxRelayAfterMs === null) {
    problems.push(`OUTBOX_RELAY_AFTER=${relayAfter} must be a duration like 500ms, 10s or 1m`);
  }
  const config: WorkerConfig = {
    databaseUrl: url(
      env,
      'DATABASE_URL',
      'postgres://postgres@127.0.0.1:5432/roster',
      ['postgres:', 'postgresql:'],
      problems,
    ),
    redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:'], problems),
    queuePrefix,
    nodeEnv: nodeEnv as WorkerConfig['nodeEnv'],
    usageRecountEveryMs: usageRecountEveryMs ?? 0,
    workerHost: env.WORKER_HOST ?? '127.0.0.1',
    workerPort: port(env, 'WORKER_PORT', 3001, problems),
    metricsToken: readMetricsToken(env, problems),
    ...readLogSettings(env, nodeEnv, problems),
    shutdownTimeoutMs: readShutdownTimeout(env, problems),
    outboxRelayAfterMs: outboxRelayAfterMs ?? 0,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Nest injection token for the validated WorkerConfig. */
export const CONFIG = Symbol('CONFIG');
