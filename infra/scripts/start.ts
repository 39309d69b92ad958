/**
 * `pnpm start` (after `turbo run build`): checks that PostgreSQL and Redis answer, then runs the API, the worker and
 * the admin console together (DESIGN.md §9). The API creates and migrates the database, bootstraps the platform
 * admin and seeds demo data in development by itself.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, readStartConfig, type StartConfig } from '@roster/config';
import { API_NODE_ARGS, localHost } from './config.js';
import { preflight } from './preflight.js';
import { paint, Supervisor, waitForHttp, type Exit, type Service } from './processes.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const API_HEALTH_TIMEOUT_MS = 60_000;
const ADMIN_TIMEOUT_MS = 30_000;

function services(config: StartConfig, apiUrl: string, adminUrl: string): Record<'api' | 'worker' | 'admin', Service> {
  return {
    api: {
      name: 'api',
      color: 36,
      script: `${root}apps/api/dist/main.js`,
      nodeArgs: API_NODE_ARGS,
      cwd: `${root}apps/api`,
      env: process.env,
    },
    worker: {
      name: 'worker',
      color: 35,
      script: `${root}apps/worker/dist/main.js`,
      cwd: `${root}apps/worker`,
      env: process.env,
    },
    admin: {
      name: 'admin',
      color: 33,
      script: `${root}apps/admin/build/index.js`,
      cwd: `${root}apps/admin`,
      env: {
        ...process.env,
        PORT: String(config.adminPort),
        HOST: '127.0.0.1',
        API_URL: apiUrl,
        ORIGIN: adminUrl,
        // Import uploads stream through the console: adapter-node's body limit (512K) must let the API's 512 MB pass.
        BODY_SIZE_LIMIT: '512M',
      },
    },
  };
}

function describeExit(exit: Exit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

function banner(config: StartConfig, apiUrl: string, adminUrl: string): string {
  const password = config.adminPasswordSet
    ? 'the one in ROSTER_ADMIN_PASSWORD'
    : 'printed above by [api] on first start';
  const rule = '─'.repeat(72);
  return [
    rule,
    paint(1, ' Roster is running'),
    `   API            ${apiUrl}/api/v1`,
    `   API docs       ${apiUrl}/api/docs`,
    `   Admin console  ${adminUrl}`,
    `   Admin login    ${config.adminUsername} — password: ${password}`,
    ' Ctrl-C stops everything.',
    rule,
  ].join('\n');
}

async function main(): Promise<number> {
  let config: StartConfig;
  try {
    config = readStartConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(paint(31, error.message));
    return 1;
  }

  const failed = await preflight(config);
  if (failed.length > 0) {
    for (const check of failed) console.error(`${paint(31, `✗ ${check.name}:`)} ${check.message}\n`);
    return 1;
  }
  console.log(paint(32, '✓ PostgreSQL and Redis answer'));

  const apiUrl = `http://${localHost(config.apiHost)}:${config.apiPort}`;
  const adminUrl = `http://127.0.0.1:${config.adminPort}`;
  const all = services(config, apiUrl, adminUrl);
  const missing = Object.values(all).filter((service) => !existsSync(service.script));
  if (missing.length > 0) {
    for (const service of missing) console.error(paint(31, `✗ ${service.script} is missing.`));
    console.error('Build first: `pnpm build` (`pnpm start` does that for you).');
    return 1;
  }

  const supervisor = new Supervisor();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log(`\nReceived ${signal}: stopping api, worker and admin …`);
      void supervisor.stopAll().then(() => process.exit(0));
    });
  }
  void supervisor.firstExit.then(async (exit) => {
    console.error(paint(31, `[${exit.name}] exited (${describeExit(exit)}); stopping the others.`));
    await supervisor.stopAll();
    process.exit(exit.code ? exit.code : 1);
  });

  supervisor.start(all.api);
  const health = await waitForHttp(`${apiUrl}/api/health`, {
    timeoutMs: API_HEALTH_TIMEOUT_MS,
    signal: supervisor.signal,
    accept: (status) => status === 200,
  });
  if (supervisor.signal.aborted) return 1; // stopping already (a child exited or Ctrl-C)
  if (!health.ok) {
    console.error(
      paint(31, `The API did not answer 200 on ${apiUrl}/api/health within ${API_HEALTH_TIMEOUT_MS / 1000} s`) +
        ` (last answer: ${health.last}).\nIts output is above, prefixed [api].`,
    );
    await supervisor.stopAll();
    return 1;
  }

  supervisor.start(all.worker);
  supervisor.start(all.admin);
  const admin = await waitForHttp(adminUrl, {
    timeoutMs: ADMIN_TIMEOUT_MS,
    signal: supervisor.signal,
    accept: () => true,
  });
  if (supervisor.signal.aborted) return 1;
  if (!admin.ok) {
    console.error(
      paint(31, `The admin console did not answer on ${adminUrl} within ${ADMIN_TIMEOUT_MS / 1000} s`) +
        ` (last: ${admin.last}).\nIts output is above, prefixed [admin].`,
    );
    await supervisor.stopAll();
    return 1;
  }

  console.log(banner(config, apiUrl, adminUrl));
  return 0; // keeps running while the children do
}

main().then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
