import {
  CHANGE_RELAY_EVERY_MS,
  LIFECYCLE_RUN_EVERY_MS,
  GRANT_EXPIRY_SWEEP_EVERY_MS,
  type JobName,
  type JobPayloads,
  STATEMENT_CLOSE_EVERY_MS,
  WEBHOOK_FAN_OUT_EVERY_MS,
} from '@roster/domain';

/** A repeating job that exists once per deployment (per-account schedules are created elsewhere). */
export type StaticSchedule = { [N in JobName]: { job: N; everyMs: number; data: JobPayloads[N] } }[JobName];

/**
 * Upserted at every start under the job's name as scheduler id, so N replicas starting
 * together converge on one scheduler and a changed period replaces the old one.
 */
export const STATIC_SCHEDULES: readonly StaticSchedule[] = [
  { job: 'maintenance.purge-expired-sessions', everyMs: 3_600_000, data: {} },
  { job: 'maintenance.purge-old-login-attempts', everyMs: 86_400_000, data: {} },
  { job: 'maintenance.purge-webhook-log', everyMs: 86_400_000, data: {} },
  { job: 'changes.relay', everyMs: CHANGE_RELAY_EVERY_MS, data: {} },
  { job: 'webhooks.fan-out', everyMs: WEBHOOK_FAN_OUT_EVERY_MS, data: {} },
  { job: 'usage.close-statements', everyMs: STATEMENT_CLOSE_EVERY_MS, data: {} },
  { job: 'maintenance.remove-expired-grants', everyMs: GRANT_EXPIRY_SWEEP_EVERY_MS, data: {} },
  { job: 'maintenance.purge-old-imports', everyMs: 86_400_000, data: {} },
  { job: 'lifecycle.run-policies', everyMs: LIFECYCLE_RUN_EVERY_MS, data: {} },
];
