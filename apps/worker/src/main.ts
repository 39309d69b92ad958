import { QUEUE_NAMES } from '@roster/domain';
import { ConfigError, loadWorkerConfig } from './config/config.js';
import { stopGracefullyOnSignals } from './shutdown/graceful-shutdown.js';
import { createWorkerContext } from './worker.factory.js';

/** Start: validate config, start the context, then stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const context = await createWorkerContext(config);
  // On a signal: workers first (running jobs finish, or are handed back after SHUTDOWN_TIMEOUT), then the database.
  stopGracefullyOnSignals(context, config.shutdownTimeoutMs);
  console.log(`Roster worker ready (queues: ${QUEUE_NAMES.join(', ')}; prefix: ${config.queuePrefix})`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if ((error as { code?: string }).code === 'ECONNREFUSED') {
    console.error(
      `Cannot reach PostgreSQL: ${(error as Error).message}. Is PostgreSQL running? (see README: Quickstart)`,
    );
  } else if ((error as { code?: string }).code === '3D000') {
    console.error(
      `${(error as Error).message}. The API creates and migrates it at start (or run \`pnpm db:migrate\`).`,
    );
  } else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
