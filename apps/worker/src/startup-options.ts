import { IMPORT_APPLY_BATCH_ROWS } from '@roster/domain';

/** Start-up knobs that are not deployment configuration (tests shorten them). */
export interface StartupOptions {
  /** How long to wait for the API to finish migrating before giving up. */
  schemaWaitMs: number;
  /** How long Redis may take to answer the first time before giving up. */
  redisConnectTimeoutMs: number;
  /**
   * BullMQ's stalledInterval: how often each Worker looks for active jobs whose lock expired (their
   * worker died) and puts them back in wait. Unset: JOB_LOCK_DURATION (BullMQ's default is the same
   * 30 s for both), so a dead worker's job is retried one to two lock durations after the crash. Tests
   * shorten it so a recovery test does not wait two intervals.
   */
  stalledIntervalMs?: number;
  /** Rows an import's apply writes per batch (one transaction each); tests make it small to see several. */
  importBatchRows: number;
}

export const DEFAULT_STARTUP_OPTIONS: StartupOptions = {
  schemaWaitMs: 60_000,
  redisConnectTimeoutMs: 10_000,
  importBatchRows: IMPORT_APPLY_BATCH_ROWS,
};

export const STARTUP_OPTIONS = Symbol('STARTUP_OPTIONS');
