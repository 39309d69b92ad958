/**
 * `pnpm bench [--small | --smoke] [--users N] [--runs N] [--seconds N] [--out DIR] [--fresh]`
 *
 * Generates (or reuses) the dataset in its own database, starts the built API and worker against it,
 * measures (see measure.ts) and writes `<out>/latest.json` and `<out>/latest.md`.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createMigratedTemplate } from '@roster/db';
import { ARGON2ID_COST } from '@roster/domain';
import { type Algorithm, hash as argon2Hash } from '@node-rs/argon2';
import pg from 'pg';
import { Api } from './api-client.js';
import { cpuTimes } from './cpu.js';
import { type Dataset, generateDataset, LOGIN_PASSWORD } from './dataset.js';
import {
  CREATED_PREFIX,
  measureBulk,
  measureHttp,
  measureLogin,
  measureRecount,
  measureTenantCounting,
} from './measure.js';
import { PRESETS, type Preset } from './presets.js';
import { machine, markdown, type Results } from './report.js';
import { freePort, start, waitForHealth } from './services.js';
import { measureScim } from './scim.js';
import { measureWebhooks } from './webhooks.js';
import { measureImport } from './import.js';
import { measureExport } from './export.js';
import { measureLifecyclePreview } from './lifecycle.js';

const { values: args } = parseArgs({
  options: {
    small: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    users: { type: 'string' },
    runs: { type: 'string' },
    seconds: { type: 'string' },
    out: { type: 'string', default: fileURLToPath(new URL('../results', import.meta.url)) },
    fresh: { type: 'boolean', default: false },
  },
});

const base = PRESETS[args.smoke ? 'smoke' : args.small ? 'small' : 'full'];
const preset: Preset = {
  ...base,
  ...(args.users ? { users: Number(args.users) } : {}),
  ...(args.runs ? { runs: Number(args.runs) } : {}),
  ...(args.seconds ? { seconds: Number(args.seconds) } : {}),
};

const serverUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseUrl = (() => {
  const url = new URL(serverUrl);
  url.pathname = `/roster_bench_${preset.name}`;
  return url.href;
})();
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const log = (message: string) => console.log(`[bench] ${message}`);

/** The dataset of an earlier run with the same sizes, if the database still holds it. */
async function reusable(db: pg.Client): Promise<Dataset | null> {
  try {
    const { rows } = await db.query('SELECT preset, dataset FROM bench_meta');
    const stored = rows[0] as { preset: Preset; dataset: Dataset } | undefined;
    const sameSizes = (['users', 'tenants', 'groups', 'rolesPerEnvironment', 'loginUsers'] as const).every(
      (key) => stored?.preset[key] === preset[key],
    );
    return stored && sameSizes ? stored.dataset : null;
  } catch {
    return null;
  }
}

async function prepare(loginHash: string): Promise<{ dataset: Dataset; seconds: number | null }> {
  const probe = new pg.Client({ connectionString: databaseUrl });
  const existing = await probe
    .connect()
    .then(() => reusable(probe))
    .catch(() => null)
    .finally(() => probe.end().catch(() => undefined));
  if (existing && !args.fresh) {
    log(`reusing the dataset in ${databaseUrl} (--fresh to generate it again)`);
    return { dataset: existing, seconds: null };
  }
  log(`generating ${preset.users.toLocaleString('en-US')} users in ${databaseUrl} …`);
  const started = performance.now();
  // Dropped, created and migrated: the schema is the API's own.
  await createMigratedTemplate(databaseUrl);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const dataset = await generateDataset(db, preset, loginHash);
    await db.query('CREATE TABLE bench_meta (preset jsonb NOT NULL, dataset jsonb NOT NULL)');
    await db.query('INSERT INTO bench_meta VALUES ($1, $2)', [JSON.stringify(preset), JSON.stringify(dataset)]);
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    log(`dataset ready in ${seconds} s`);
    return { dataset, seconds };
  } finally {
    await db.end();
  }
}

/**
 * Removes the users an earlier run created, so every run measures the dataset as generated (each run
 * creates some 20,000), and vacuums, as index-only scans need the visibility map of the rows that stay.
 */
async function restoreDataset(db: pg.Client, dataset: Dataset): Promise<void> {
  const removed = await db.query(`DELETE FROM end_users WHERE tenant_id = $1 AND username LIKE $2`, [
    dataset.tenantId,
    `${CREATED_PREFIX}%`,
  ]);
  if (removed.rowCount) {
    log(`removed the ${removed.rowCount} users an earlier run created`);
    await db.query('VACUUM ANALYZE end_users');
  }
}

async function main(): Promise<void> {
  // The API's own argon2id cost, so verifying here costs what a login costs there.
  const loginHash = await argon2Hash(LOGIN_PASSWORD, { algorithm: 2 satisfies Algorithm.Argon2id, ...ARGON2ID_COST });
  const { dataset, seconds: generatedInSeconds } = await prepare(loginHash);

  const apiPort = await freePort();
  const adminPassword = 'bench-admin-password';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    API_PORT: String(apiPort),
    WORKER_PORT: String(await freePort()),
    ROSTER_QUEUE_PREFIX: `bench-${process.pid}`,
    ROSTER_ADMIN_USERNAME: 'bench-admin',
    ROSTER_ADMIN_PASSWORD: adminPassword,
    // Production asks for one. A fixed key, because the dataset database (and the signing keys encrypted
    // in it) outlives a run.
    ENCRYPTION_KEYS: `bench:${createHash('sha256').update('roster bench').digest('base64')}`,
    // Only the recounts the benchmark asks for: no scheduled one during the measurements.
    USAGE_RECOUNT_EVERY: '24h',
    // The webhook benchmark's receiver runs in this process, on 127.0.0.1.
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
  };
  delete env.API_HOST;
  const api = start('api', env);
  const worker = start('worker', env);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const client = new Api(`http://127.0.0.1:${apiPort}`);
    await waitForHealth(api, `${client.baseUrl}/api/health`);
    client.authorize(await client.login('bench-admin', adminPassword));
    const key = await client.call<{ key: string }>('POST', `/accounts/${dataset.accountId}/api-keys`, {
      name: `bench ${new Date().toISOString()}`,
      role: 'admin',
    });
    client.authorize(key.key);

    // Registered users of the largest tenant: role checks ask about any of them, bulk actions take 1000.
    const { rows } = await db.query(
      `SELECT id FROM end_users WHERE tenant_id = $1 AND kind = 'registered' ORDER BY id LIMIT 2000`,
      [dataset.tenantId],
    );
    const roleUsers = rows.map((row: { id: string }) => row.id);
    const bulkUsers = roleUsers.slice(0, 1_000);

    await restoreDataset(db, dataset);
    const cpu = () => cpuTimes(api.child.pid!);
    log('recount through the worker, and the single-statement floor …');
    const recount = await measureRecount(db, client, dataset, preset);
    log('counting each tenant in the same pass, against counting the environment alone …');
    const tenantCounting = await measureTenantCounting(db, dataset, preset);
    log('dormant-user policy previews over the largest tenant and its environment …');
    const lifecycle = await measureLifecyclePreview(db, client, dataset, preset);
    log(`lists, search, roles and user creation at ${preset.connections} connections …`);
    const http = await measureHttp(client, dataset, preset, roleUsers, cpu);
    log('SCIM: userName eq, first pages, PATCH active …');
    const scim = await measureScim(client, db, dataset, preset, cpu);
    log('bulk actions on 1000 users …');
    const bulk = await measureBulk(client, dataset, preset, bulkUsers);
    log('end-user login against the raw argon2id verify rate …');
    const login = await measureLogin(client, dataset, preset, loginHash, cpu);
    log('webhook delivery of created users to a local receiver …');
    const webhooks = await measureWebhooks(client, dataset, preset);
    log('CSV export of the largest tenant …');
    const userExport = await measureExport(client, dataset, preset, api.child.pid!);

    log(`import of ${preset.importRows.toLocaleString('en-US')} users (dry run, then apply) into a new tenant …`);
    const userImport = await measureImport(db, client, dataset, preset);

    const results: Results = {
      at: new Date().toISOString(),
      preset,
      machine: await machine(db),
      dataset: { ...dataset, loginUsernames: dataset.loginUsernames.length, generatedInSeconds },
      recount,
      tenantCounting,
      http,
      scim,
      bulk,
      login,
      webhooks,
      userExport,
      userImport,
      lifecycle,
      peakRssMiB: { api: api.peakRssMiB(), worker: worker.peakRssMiB() },
    };
    mkdirSync(args.out!, { recursive: true });
    writeFileSync(join(args.out!, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    const table = markdown(results);
    writeFileSync(join(args.out!, 'latest.md'), table);
    console.log(`\n${table}`);
    log(`results written to ${args.out}`);
  } finally {
    await db.end();
    await Promise.all([api.stop(), worker.stop()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
