/**
 * The worker's configuration: read and validated by @roster/config, which defines each variable once for the
 * API, the worker and `pnpm start`, so a bad value gets the same message from each.
 */
export { ConfigError, loadWorkerConfig, type WorkerConfig } from '@roster/config';

/** Nest injection token for the validated WorkerConfig. */
export const CONFIG = Symbol('CONFIG');
