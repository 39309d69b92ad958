import type { INestApplication } from '@nestjs/common';
import type { ShutdownTimings } from '@roster/config';
import type { Logger } from '@roster/logging';
import { ShutdownState } from './shutdown-state.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stops the API on SIGTERM or SIGINT without losing a request:
 * 1. readiness answers 503 at once (and responses close their connections, see ShutdownModule);
 * 2. for SHUTDOWN_DELAY requests are still served, while the load balancer takes the pod out;
 * 3. app.close(): the listener closes, idle connections are dropped, in-flight requests finish
 *    (Fastify's close waits for them), then the shutdown hooks close the queues, Redis and the pool;
 * 4. exit 0 — or exit 1 with a log line when all of it took longer than SHUTDOWN_TIMEOUT.
 * Replaces Nest's enableShutdownHooks(), which would close at once and re-raise the signal.
 */
export function stopGracefullyOnSignals(app: INestApplication, timings: ShutdownTimings, logger: Logger): void {
  const state = app.get(ShutdownState);
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) {
      logger.info(`Received ${signal} again: already stopping`);
      return;
    }
    stopping = true;
    state.begin();
    const deadline = setTimeout(() => {
      logger.error(
        `Shutdown did not finish within SHUTDOWN_TIMEOUT (${timings.shutdownTimeoutMs} ms): exiting with work still open`,
      );
      process.exit(1);
    }, timings.shutdownTimeoutMs);
    logger.info(`Received ${signal}: readiness fails now; closing the listener in ${timings.shutdownDelayMs} ms`);
    await sleep(timings.shutdownDelayMs);
    logger.info('Closing the listener and draining in-flight requests');
    try {
      await app.close();
    } catch (error) {
      clearTimeout(deadline);
      logger.error(`Shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
    clearTimeout(deadline);
    logger.info('Stopped cleanly');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, (received) => void stop(received));
}
