import { QUEUE_NAMES } from '@roster/domain';
import type { Logger } from '@roster/logging';
import { ConfigError, loadWorkerConfig } from './config/config.js';
import { createWorkerLogger } from './logging/worker-logger.js';
import { startOpsServer } from './ops/ops-server.js';
import { stopGracefullyOnSignals } from './shutdown/graceful-shutdown.js';
import { createWorkerContext } from './worker.factory.js';

let logger: Logger | undefined;

/** Start: validate config, start the context, then stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadWorkerConfig();
  logger = await createWorkerLogger(config);
  const context = await createWorkerContext(config, { logger });
  // On a signal: workers first (running jobs finish, or are handed back after SHUTDOWN_TIMEOUT), then the database.
  stopGracefullyOnSignals(context, config.shutdownTimeoutMs, logger);
  const ops = await startOpsServer(context, config);
  logger.info(
    `Roster worker ops server on http://${config.workerHost}:${ops.port} (/metrics, /health/live, /health/ready)`,
  );
  logger.info(`Roster worker ready (queues: ${QUEUE_NAMES.join(', ')}; prefix: ${config.queuePrefix})`);
}

/** Why start-up failed, with the fix where it is a known one. */
function startFailure(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ECONNREFUSED') {
    return `Cannot reach PostgreSQL: ${(error as Error).message}. Is PostgreSQL running? (see README: Quickstart)`;
  }
  if (code === '3D000') {
    return `${(error as Error).message}. The API creates and migrates it at start (or run \`pnpm db:migrate\`).`;
  }
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  // An invalid configuration is told before any logger exists (LOG_LEVEL or LOG_FORMAT may be what is wrong).
  if (error instanceof ConfigError) console.error(error.message);
  else if (logger) logger.fatal({ err: error }, startFailure(error));
  else console.error(startFailure(error));
  process.exit(1);
});
