/**
 * The one typed registry of background jobs (DESIGN.md §6). The API only enqueues, the
 * worker only processes, and both name jobs and payloads from here. Payloads carry ids
 * only: the worker re-reads the database, so a retried job sees the current truth.
 */
export const QUEUE_NAMES = ['maintenance'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface JobPayloads {
  /** Deletes operator sessions past their expiry; scheduled hourly. */
  'maintenance.purge-expired-sessions': Record<string, never>;
  /** Deletes end-user login attempts older than LOGIN_ATTEMPT_RETENTION_DAYS; scheduled daily. */
  'maintenance.purge-old-login-attempts': Record<string, never>;
}

/** How long the end-user login log is kept: long enough to investigate an incident, not forever. */
export const LOGIN_ATTEMPT_RETENTION_DAYS = 90;
export type JobName = keyof JobPayloads;

export const JOBS: { readonly [Name in JobName]: { readonly queue: QueueName } } = {
  'maintenance.purge-expired-sessions': { queue: 'maintenance' },
  'maintenance.purge-old-login-attempts': { queue: 'maintenance' },
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
