/**
 * The one typed registry of background jobs (DESIGN.md §6). The API only enqueues, the
 * worker only processes, and both name jobs and payloads from here. Payloads carry ids
 * only: the worker re-reads the database, so a retried job sees the current truth.
 */
export const QUEUE_NAMES = ['maintenance', 'usage', 'webhooks', 'lifecycle', 'imports'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobPayloads {
  /** Deletes operator sessions past their expiry; scheduled hourly. */
  'maintenance.purge-expired-sessions': Record<string, never>;
  /** Deletes end-user login attempts older than LOGIN_ATTEMPT_RETENTION_DAYS; scheduled daily. */
  'maintenance.purge-old-login-attempts': Record<string, never>;
  /**
   * Delivers the change events a crashed or cut-off process left undelivered in the outbox (DESIGN.md §5),
   * and purges delivered ones past CHANGE_RETENTION_DAYS; scheduled every CHANGE_RELAY_EVERY_MS.
   */
  'changes.relay': Record<string, never>;
  /**
   * Starts a recount flow for the account (usageRecountFlow): what the per-account scheduler and the
   * debounced recount after a change enqueue. Idempotent: a duplicate starts one more exact recount.
   */
  'usage.request-recount': { accountId: string };
  /** Flow parent: sums its production children into the account snapshot and evaluates limits. */
  'usage.recount-account': { accountId: string };
  /** Flow child: recounts one environment (production or not) into its snapshot. */
  'usage.recount-environment': { accountId: string; environmentId: string };
  /**
   * Closes the billing periods that ended (STATEMENT_CLOSE_DELAY_MS ago at least) and have no statement yet, for
   * every account: computed from the stored snapshots, written once. Scheduled hourly; idempotent.
   */
  'usage.close-statements': Record<string, never>;
  /**
   * Turns the change events not yet fanned out into webhook messages, one per endpoint that wants each, and
   * queues their deliveries; requested (debounced) after every write, and scheduled as a safety net.
   */
  'webhooks.fan-out': Record<string, never>;
  /** POSTs one webhook message to its endpoint; retried with backoff (webhookRetryDelayMs), then given up. */
  'webhooks.deliver': { messageId: string };
  /** Deletes webhook messages finished more than WEBHOOK_LOG_RETENTION_DAYS ago, with their delivery logs; daily. */
  'maintenance.purge-webhook-log': Record<string, never>;
  /**
   * Removes the role grants (direct and group) whose expiresAt has passed, in batches, each removal audited and
   * told as a revoke with `reason: 'expired'`; scheduled every GRANT_EXPIRY_SWEEP_EVERY_MS. Housekeeping only: an
   * expired grant stops counting at its instant whether or not this ran. Idempotent.
   */
  'maintenance.remove-expired-grants': Record<string, never>;
  /**
   * Dormant-user policies: queues a `lifecycle.run-tenant` for every tenant whose effective policy is enabled (of
   * one environment when it names one: an operator's "run now"); scheduled every LIFECYCLE_RUN_EVERY_MS.
   */
  'lifecycle.run-policies': { accountId?: string; environmentId?: string };
  /**
   * Applies a tenant's effective policy: deactivates, then deletes, in batches through the unit of work with the
   * policy as actor, and records the run. Idempotent: a second run finds nothing left to do.
   */
  'lifecycle.run-tenant': { accountId: string; tenantId: string; trigger: 'schedule' | 'request' };
  /**
   * Moves one user import on (issue 18) from the state it is in: a queued one is read, checked and predicted (its
   * dry run), then applied unless it is a dry run; an applying one applies its remaining batches. Re-reads the
   * import, so a retry (or a worker killed mid-way) resumes where the committed batches end, without duplicates.
   */
  'imports.process': { accountId: string; environmentId: string; tenantId: string; importId: string };
  /**
   * Deletes the uploads and staging rows of imports older than IMPORT_RETENTION_DAYS (their counts stay), and
   * expires the dry runs nobody applied in that time; daily.
   */
  'maintenance.purge-old-imports': Record<string, never>;
}

/** How often the worker's relay looks for undelivered change events. */
export const CHANGE_RELAY_EVERY_MS = 10_000;
/** How long delivered change events stay in the outbox (webhook deliveries and investigations read them). */
export const CHANGE_RETENTION_DAYS = 7;

/** How long after a period's end its statement is closed: recounts of its last minutes have landed by then. */
export const STATEMENT_CLOSE_DELAY_MS = 15 * 60_000;
/** How often the worker looks for periods to close. */
export const STATEMENT_CLOSE_EVERY_MS = 3_600_000;

/** How long a finished webhook message and its delivery log are kept (a month of deliveries to look into). */
export const WEBHOOK_LOG_RETENTION_DAYS = 30;

/**
 * How often the worker removes expired role grants. They count for nothing from their instant on (the API
 * compares every grant's expiry with its clock), so this only bounds how long the audit trail and webhooks wait
 * to hear of an expiry, and how long expired rows linger.
 */
export const GRANT_EXPIRY_SWEEP_EVERY_MS = 60_000;

/** How often the dormant-user policies run (daily: they count in days). */
export const LIFECYCLE_RUN_EVERY_MS = 86_400_000;

/** The deduplication id of a tenant's policy run: one waiting or running per tenant at a time. */
export const lifecycleRunDedupId = (tenantId: string) => `lifecycle.run-tenant:${tenantId}`;

/** How long the end-user login log is kept: long enough to investigate an incident, not forever. */
export const LOGIN_ATTEMPT_RETENTION_DAYS = 90;
export type JobName = keyof JobPayloads;

export const JOBS: { readonly [Name in JobName]: { readonly queue: QueueName } } = {
  'maintenance.purge-expired-sessions': { queue: 'maintenance' },
  'maintenance.purge-old-login-attempts': { queue: 'maintenance' },
  'changes.relay': { queue: 'maintenance' },
  'usage.request-recount': { queue: 'usage' },
  'usage.recount-account': { queue: 'usage' },
  'usage.recount-environment': { queue: 'usage' },
  'usage.close-statements': { queue: 'maintenance' },
  'webhooks.fan-out': { queue: 'webhooks' },
  'webhooks.deliver': { queue: 'webhooks' },
  'maintenance.purge-webhook-log': { queue: 'maintenance' },
  'maintenance.remove-expired-grants': { queue: 'maintenance' },
  'lifecycle.run-policies': { queue: 'lifecycle' },
  'lifecycle.run-tenant': { queue: 'lifecycle' },
  'imports.process': { queue: 'imports' },
  'maintenance.purge-old-imports': { queue: 'maintenance' },
};

export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/**
 * Compares the registry with the handlers a worker registered. An empty list means every
 * job has exactly one handler; otherwise each line says what to fix.
 */
export function jobHandlerProblems(registeredHandlers: readonly string[]): string[] {
  const problems: string[] = [];
  const counts = new Map<string, number>();
  for (const name of registeredHandlers) counts.set(name, (counts.get(name) ?? 0) + 1);
  for (const name of JOB_NAMES) {
    const count = counts.get(name) ?? 0;
    if (count === 0) problems.push(`job "${name}" has no handler`);
    if (count > 1) problems.push(`job "${name}" has ${count} handlers; it must have exactly one`);
  }
  for (const name of counts.keys()) {
    if (!(name in JOBS)) problems.push(`handler for "${name}", which is not in the job registry`);
  }
  return problems;
}

/**
 * Defaults for every job any process adds. Retries back off 5 s, 10 s, 20 s, 40 s, which rides out a
 * database or Redis restart; jobs are idempotent, so a retry is safe. Plain data (BullMQ's
 * DefaultJobOptions shape) so the API and the worker share it without this package importing BullMQ.
 */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential' as const, delay: 5_000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
};

/** The scheduler id of an account's periodic recount (one per account, upserted, removed with it). */
export const usageSchedulerId = (accountId: string) => `usage.request-recount:${accountId}`;

/** How long a burst of changes is gathered into one recount (the debounce of DESIGN.md §6). */
export const USAGE_RECOUNT_DEBOUNCE_MS = 2_000;

/** A job asked for soon, many requests making one run (debouncedRecountRequest, debouncedWebhookFanOut). */
export interface DebouncedJob {
  name: string;
  data: object;
  opts: { deduplication: { id: string; ttl: number }; delay: number };
}

/**
 * How long a process may leave out its next request of a debounced job, relying on the one it sent before:
 * whatever that request made or found (deduplication window T, delay D > T) starts no sooner than D − T after
 * it was sent, so it reads a change committed in that time. Half the margin, the rest for Redis's latency and
 * the API's and worker's clocks. A busy API then sends a few requests a second, not one per change.
 */
export function coalesceWithinMs(opts: DebouncedJob['opts']): number {
  return Math.max(0, (opts.delay - opts.deduplication.ttl) / 2);
}

/** The deduplication id of an account's debounced recount: one pending per account at a time. */
export const usageDebounceId = (accountId: string) => `usage.request-recount:${accountId}`;

/** A flow as plain data, in the shape BullMQ's FlowProducer.add takes. */
export interface RecountFlow {
  name: 'usage.recount-account';
  queueName: 'usage';
  data: JobPayloads['usage.recount-account'];
  opts: typeof DEFAULT_JOB_OPTIONS & { jobId?: string };
  children: {
    name: 'usage.recount-environment';
    queueName: 'usage';
    data: JobPayloads['usage.recount-environment'];
    opts: typeof DEFAULT_JOB_OPTIONS & { failParentOnFailure: true };
  }[];
}

/**
 * DESIGN.md §6: one flow per account recount — a child per environment (production or not; only
 * production ones enter totals), and a parent that runs once every child has finished. `runId`
 * (a UUID) becomes the parent's job id and so the snapshots' run id: BullMQ's counting ids restart
 * when Redis is emptied, and a reused run id would overwrite an old snapshot. A child that fails
 * for good fails the run (visible on the job) instead of leaving the parent waiting forever; the
 * next scheduled recount tries again.
 */
export function usageRecountFlow(accountId: string, environmentIds: readonly string[], runId?: string): RecountFlow {
  return {
    name: 'usage.recount-account',
    queueName: 'usage',
    data: { accountId },
    opts: { ...DEFAULT_JOB_OPTIONS, ...(runId ? { jobId: runId } : {}) },
    children: environmentIds.map((environmentId) => ({
      name: 'usage.recount-environment',
      queueName: 'usage',
      data: { accountId, environmentId },
      opts: { ...DEFAULT_JOB_OPTIONS, failParentOnFailure: true },
    })),
  };
}

/**
 * The job that asks for an account's recount soon (what the API and the worker's change relay add). A burst
 * of changes becomes one recount: the first request adds a delayed job, and requests within the debounce
 * window find its deduplication id and add nothing.
 */
export function debouncedRecountRequest(accountId: string) {
  const data: JobPayloads['usage.request-recount'] = { accountId };
  return {
    name: 'usage.request-recount' as const,
    data,
    opts: {
      // The window closes before the job runs, so a process may skip its own requests for a while (coalesceWithinMs).
      deduplication: { id: usageDebounceId(accountId), ttl: USAGE_RECOUNT_DEBOUNCE_MS - 200 },
      delay: USAGE_RECOUNT_DEBOUNCE_MS,
    },
  };
}

/** What an account's recount cost the database, and when it finished (kept by the worker, read before the next). */
export interface RecountCost {
  /** Milliseconds of counting queries the run made (its environments' and its account's), summed. */
  databaseMs: number;
  /** When the run finished (epoch milliseconds). */
  finishedAt: number;
}

/**
 * Recounts asked for by changes take at most this share of the database's time per account. A count of a
 * million users takes about a second; under a steady stream of changes the debounce alone would start one every
 * two seconds and spend half the database on counting, slowing the very writes that asked for it.
 */
export const RECOUNT_DATABASE_SHARE = 0.1;
/** However costly an account's recount, changes are counted within this long after the previous run. */
export const RECOUNT_SPACING_MAX_MS = 60_000;

/**
 * How much longer a recount asked for by changes should wait, at `now`, so that recounts keep the distance
 * their cost asks for (RECOUNT_DATABASE_SHARE): 0 when it may start. A cheap account's (most) never waits beyond
 * the debounce. Operators' and scheduled requests never wait: they ask for a count now.
 */
export function recountWaitMs(previous: RecountCost | null, now: number): number {
  if (!previous) return 0;
  const spacing = Math.min(RECOUNT_SPACING_MAX_MS, previous.databaseMs * (1 / RECOUNT_DATABASE_SHARE - 1));
  return Math.max(0, Math.round(previous.finishedAt + spacing - now));
}

/**
 * A recount request put off by `waitMs` (recountWaitMs): the debounced request with a longer delay. It keeps the
 * debounce's deduplication id, so the changes made while it waits join it, and its window again closes before it
 * runs (coalesceWithinMs holds).
 */
export function postponedRecountRequest(accountId: string, waitMs: number): DebouncedJob {
  const { name, data, opts } = debouncedRecountRequest(accountId);
  const margin = opts.delay - opts.deduplication.ttl;
  const delay = Math.max(opts.delay, waitMs);
  return { name, data, opts: { deduplication: { ...opts.deduplication, ttl: delay - margin }, delay } };
}

/** How long a burst of changes is gathered into one webhook fan-out (what keeps a busy API to a few jobs a second). */
export const WEBHOOK_FAN_OUT_DEBOUNCE_MS = 200;
/** How often the worker fans out anyway: what a lost request (Redis was down) waits at most. */
export const WEBHOOK_FAN_OUT_EVERY_MS = 10_000;

/**
 * The job that asks for a fan-out soon. The deduplication window closes before the job runs (its delay is
 * longer), so a request dropped as a duplicate was made before the fan-out reads the outbox: every committed
 * change is either read by that run or requests a new one.
 */
export function debouncedWebhookFanOut() {
  const data: JobPayloads['webhooks.fan-out'] = {};
  return {
    name: 'webhooks.fan-out' as const,
    data,
    opts: {
      deduplication: { id: 'webhooks.fan-out', ttl: WEBHOOK_FAN_OUT_DEBOUNCE_MS },
      delay: WEBHOOK_FAN_OUT_DEBOUNCE_MS + 50,
    },
  };
}
