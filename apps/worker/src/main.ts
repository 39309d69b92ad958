import { QUEUE_NAMES } from '@roster/domain';
import { ConfigError, loadWorkerConfig } from './config/config.js';
import { startOpsServer } from './ops/ops-server.js';
import { createWorkerContext } from './worker.factory.js';

/** Start: validate config, start the context, then stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const context = await createWorkerContext(config);
  // On a signal Nest closes the context — workers first (running jobs finish), then the
  // database — and re-raises the signal so the process exits with it.
  context.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  const ops = await startOpsServer(context, config);
  console.log(
    `Roster worker ops server on http://${config.workerHost}:${ops.port} (/metrics, /health/live, /health/ready)`,
  );
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
