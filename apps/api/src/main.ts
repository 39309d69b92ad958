import { createDataSource, ensureDatabase, migrate } from '@roster/db';
import type { Logger } from '@roster/logging';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config/config.js';
import { createApiLogger } from './logging/api-logger.js';
import { stopGracefullyOnSignals } from './shutdown/graceful-shutdown.js';

let logger: Logger | undefined;

/** Start: validate config, create the database if missing, migrate, then serve until SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  logger = await createApiLogger(config);
  if (await ensureDatabase(config.databaseUrl))
    logger.info(`Created database ${new URL(config.databaseUrl).pathname.slice(1)}.`);
  const dataSource = await createDataSource({ url: config.databaseUrl, poolSize: 2 }).initialize();
  try {
    const ran = await migrate(dataSource);
    if (ran.length > 0) logger.info(`Ran migrations: ${ran.join(', ')}`);
  } finally {
    await dataSource.destroy();
  }
  const app = await createApp(config, { logger });
  stopGracefullyOnSignals(app, config, logger);
  await app.listen({ port: config.apiPort, host: config.apiHost });
  logger.info(`Roster API listening on http://${config.apiHost}:${config.apiPort} (docs: /api/docs)`);
}

main().catch((error: unknown) => {
  // An invalid configuration is told before any logger exists (LOG_LEVEL or LOG_FORMAT may be what is wrong).
  if (error instanceof ConfigError) console.error(error.message);
  else if ((error as { code?: string }).code === 'ECONNREFUSED') {
    const message = `Cannot reach a dependency: ${(error as Error).message}. Is PostgreSQL running? (see README: Quickstart)`;
    if (logger) logger.fatal(message);
    else console.error(message);
  } else if (logger) logger.fatal({ err: error }, 'The API could not start');
  else console.error(error);
  process.exit(1);
});
