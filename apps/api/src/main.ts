import { createDataSource, ensureDatabase, migrate } from '@roster/db';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config/config.js';
import { stopGracefullyOnSignals } from './shutdown/graceful-shutdown.js';

/** Start: validate config, create the database if missing, migrate, then serve until SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (await ensureDatabase(config.databaseUrl))
    console.log(`Created database ${new URL(config.databaseUrl).pathname.slice(1)}.`);
  const dataSource = await createDataSource({ url: config.databaseUrl, poolSize: 2 }).initialize();
  try {
    const ran = await migrate(dataSource);
    if (ran.length > 0) console.log(`Ran migrations: ${ran.join(', ')}`);
  } finally {
    await dataSource.destroy();
  }
  const app = await createApp(config);
  stopGracefullyOnSignals(app, config);
  await app.listen({ port: config.apiPort, host: config.apiHost });
  console.log(`Roster API listening on http://${config.apiHost}:${config.apiPort} (docs: /api/docs)`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if ((error as { code?: string }).code === 'ECONNREFUSED') {
    console.error(
      `Cannot reach a dependency: ${(error as Error).message}. Is PostgreSQL running? (see README: Quickstart)`,
    );
  } else console.error(error);
  process.exit(1);
});
