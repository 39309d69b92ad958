/** Start-up knobs that are not deployment configuration (tests shorten them). */
export interface StartupOptions {
  /** How long to wait for the API to finish migrating before giving up. */
  schemaWaitMs: number;
  /** How long Redis may take to answer the first time before giving up. */
  redisConnectTimeoutMs: number;
}

export const DEFAULT_STARTUP_OPTIONS: StartupOptions = { schemaWaitMs: 60_000, redisConnectTimeoutMs: 10_000 };

export const STARTUP_OPTIONS = Symbol('STARTUP_OPTIONS');
