import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

const storage = new AsyncLocalStorage<Logger>();

/**
 * Runs `work` with `logger` as the current logger: Nest's Logger calls made beneath it (by services,
 * handlers, Nest itself) write through it, so they carry its bindings, e.g. a request id or a job id.
 */
export function runWithLogger<T>(logger: Logger, work: () => T): T {
  return storage.run(logger, work);
}

/** The logger of the request or job being handled, if any. */
export function currentLogger(): Logger | undefined {
  return storage.getStore();
}
