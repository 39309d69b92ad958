/**
 * pnpm db:migrate — create the database if missing and run pending migrations.
 * pnpm db:reset   — drop the database, recreate it and migrate from scratch.
 */
import { ConfigError, readMigrateConfig } from '@roster/config';
import { createDataSource } from './data-source.js';
import { ensureDatabase, migrate, recreateDatabase } from './setup.js';

const command = process.argv[2];

async function main(): Promise<void> {
  const url = readMigrateConfig().databaseUrl;
  if (command === 'reset') {
    await recreateDatabase(url);
    console.log(`Recreated ${new URL(url).pathname.slice(1)}.`);
  } else if (command === 'migrate') {
    if (await ensureDatabase(url)) console.log(`Created database ${new URL(url).pathname.slice(1)}.`);
  } else {
    console.error('usage: cli.js migrate | reset');
    process.exit(2);
  }
  const dataSource = createDataSource({ url, poolSize: 1 });
  await dataSource.initialize();
  try {
    const ran = await migrate(dataSource);
    console.log(ran.length ? `Ran ${ran.length} migration(s): ${ran.join(', ')}` : 'Database is up to date.');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  console.error(`Database ${command} failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
