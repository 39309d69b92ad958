import { parseDuration } from '@roster/domain';
import { durationVariable } from '../kinds.js';
import type { Rule } from '../select.js';
import { defineVariable, reject } from '../variable.js';

/** How often, how long and how late things happen. */

export const USAGE_RECOUNT_EVERY = durationVariable(
  { name: 'USAGE_RECOUNT_EVERY', doc: "the period of each account's usage recount scheduler", fallback: '15m' },
  'like 30s, 15m or 1h',
);

export const OUTBOX_RELAY_AFTER = durationVariable(
  {
    name: 'OUTBOX_RELAY_AFTER',
    doc: "how old an undelivered change event must be before the worker's relay delivers it",
    fallback: '10s',
  },
  'like 500ms, 10s or 1m',
);

/**
 * BullMQ's lockDuration (and how often each worker looks for expired locks): a worker renews the lock of each job it
 * runs every half of it, so a job whose worker crashed (no SIGTERM, no hand-back) is run by another worker one to two
 * of these after the crash. Shorter recovers sooner; too short and a worker whose event loop stalls that long has its
 * job taken from it and run twice. 30s is BullMQ's default.
 */
export const JOB_LOCK_DURATION = durationVariable(
  {
    name: 'JOB_LOCK_DURATION',
    doc: "worker: how long a job's lock outlives its worker's last renewal; a crashed worker's jobs are run by another 1-2 of these later",
    fallback: '30s',
  },
  'like 5s, 30s or 1m',
);

export const ACCESS_TOKEN_TTL = durationVariable(
  { name: 'ACCESS_TOKEN_TTL', doc: 'the lifetime of end-user access tokens', fallback: '1h' },
  'like 30s, 15m, 1h or 30d',
);

export const SIGNING_KEY_ROTATION = durationVariable(
  {
    name: 'SIGNING_KEY_ROTATION',
    doc: "how long a tenant's key signs access tokens before a new one takes over",
    fallback: '30d',
  },
  'like 30s, 15m, 1h or 30d',
);

/**
 * After a stop signal, how long the API's readiness fails while requests are still served (0 allowed). 5s in
 * production, long enough for a load balancer to see the failing probe and stop sending; nothing elsewhere,
 * so a developer's Ctrl-C stops at once. (The worker has none: no load balancer sends it traffic.)
 */
export const SHUTDOWN_DELAY = defineVariable({
  name: 'SHUTDOWN_DELAY',
  doc: 'API: how long readiness answers 503 after a stop signal before the listener closes',
  fallback: ({ nodeEnv }) => (nodeEnv === 'production' ? '5s' : '0s'),
  documentedDefault: '`5s` in production, `0s` otherwise',
  parse: (text) =>
    /^0+(ms|s|m|h)?$/.test(text.trim())
      ? 0
      : (parseDuration(text) ?? reject('must be a duration like 0s, 500ms or 5s')),
});

/**
 * From the stop signal, how long the API's delay and drain, or the worker's active jobs, may take before the
 * process exits non-zero. 25s stays under Kubernetes' default 30 s grace period, after which it is killed anyway.
 */
export const SHUTDOWN_TIMEOUT = durationVariable(
  {
    name: 'SHUTDOWN_TIMEOUT',
    doc: "from a stop signal, how long the API's delay and drain or the worker's active jobs may take",
    fallback: '25s',
  },
  'above zero like 25s or 1m',
);

/** The timeout counts from the signal, so the delay must end inside it. */
export const delayWithinTimeout: Rule<{ shutdownDelayMs: number; shutdownTimeoutMs: number }> = (config, text) =>
  config.shutdownDelayMs !== undefined &&
  config.shutdownTimeoutMs !== undefined &&
  config.shutdownDelayMs >= config.shutdownTimeoutMs
    ? `${SHUTDOWN_DELAY.name}=${text(SHUTDOWN_DELAY)} must be shorter than ${SHUTDOWN_TIMEOUT.name}=${text(SHUTDOWN_TIMEOUT)} (the timeout counts from the signal and includes the delay)`
    : null;
