/** The measurements of issue 7, each repeated `preset.runs` times. */
import os from 'node:os';
import { verify as argon2Verify } from '@node-rs/argon2';
import type pg from 'pg';
import type { Api } from './api-client.js';
import type { CpuSnapshot, CpuTimes } from './cpu.js';
import type { Dataset } from './dataset.js';
import { load, type LoadOptions, type LoadResult } from './load.js';
import type { Preset } from './presets.js';
import { ENVIRONMENT_READING_SQL, isInternalSql } from '@roster/db';
import { type Summary, summarize } from './stats.js';

export interface LoadSummary {
  requestsPerSecond: Summary;
  p50: Summary;
  p95: Summary;
  p99: Summary;
  errors: number;
  errorKinds: Record<string, number>;
  /** Median cores per process over the runs (null where /proc could not be read). */
  cpuCores: CpuTimes | null;
}

function summarizeLoads(results: LoadResult[]): LoadSummary {
  return {
    requestsPerSecond: summarize(
      results.map((r) => r.requestsPerSecond),
      0,
    ),
    p50: summarize(
      results.map((r) => r.p50),
      2,
    ),
    p95: summarize(
      results.map((r) => r.p95),
      2,
    ),
    p99: summarize(
      results.map((r) => r.p99),
      2,
    ),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    cpuCores: medianCores(results),
    errorKinds: results.reduce<Record<string, number>>((kinds, r) => {
      for (const [kind, count] of Object.entries(r.errorKinds)) kinds[kind] = (kinds[kind] ?? 0) + count;
      return kinds;
    }, {}),
  };
}

function medianCores(results: LoadResult[]): CpuTimes | null {
  const readings = results.map((r) => r.cpuCores).filter((cores): cores is CpuTimes => cores !== null);
  if (readings.length === 0) return null;
  const median = (key: keyof CpuTimes) =>
    summarize(
      readings.map((cores) => cores[key]),
      2,
    ).median;
  return {
    api: median('api'),
    postgres: median('postgres'),
    redis: median('redis'),
    loadGenerator: median('loadGenerator'),
  };
}

const WARM_UP_SECONDS = 3;

/**
 * A warm-up run (not counted: the JIT, the caches and the connection pools settle), then the counted
 * runs. Each run starts where the previous left off, so the figures are the steady state.
 */
export async function loadRuns(preset: Preset, options: LoadOptions): Promise<LoadSummary> {
  await load({ ...options, seconds: Math.min(preset.seconds, WARM_UP_SECONDS) });
  const results: LoadResult[] = [];
  for (let run = 0; run < preset.runs; run += 1) results.push(await load(options));
  return summarizeLoads(results);
}

/** Username prefix of the users the creation benchmark makes; main.ts removes them before a run. */
export const CREATED_PREFIX = 'bench.created.';

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** The rule of DESIGN.md §3 for "internal", over environments e, tenants t and end users u. */
const IS_INTERNAL = isInternalSql();

/**
 * The floor of a recount: the fastest single SQL statement that computes the account's totals (the
 * DESIGN.md §3 rules over its production environments), timed in the database (EXPLAIN ANALYZE's
 * execution time, so no client round trip is counted; TIMING OFF, as timing every row added 20 % here).
 */
export const FLOOR_SQL = `
  SELECT count(*) FILTER (WHERE internal) AS internal, count(*) FILTER (WHERE NOT internal) AS external
    FROM (SELECT ${IS_INTERNAL} AS internal
            FROM environments e
            JOIN tenants t ON t.environment_id = e.id
            JOIN end_users u ON u.tenant_id = t.id
           WHERE e.account_id = $1 AND e.kind = 'production' AND u.is_active AND u.kind = 'registered') r`;

/**
 * An environment's count as the recount read it before issue 16: one row for the environment, no tenant's
 * counts. What the per-tenant reading (ENVIRONMENT_READING_SQL, grouped by tenant) is weighed against.
 */
const ENVIRONMENT_TOTALS_SQL = `
  SELECT e.kind,
         count(u.tenant_id) FILTER (WHERE NOT u.is_active)::int AS inactive,
         count(u.tenant_id) FILTER (WHERE u.is_active AND u.kind = 'anonymous')::int AS anonymous,
         count(u.tenant_id) FILTER (WHERE u.is_active AND u.kind = 'registered' AND ${IS_INTERNAL})::int AS internal,
         count(u.tenant_id) FILTER (WHERE u.is_active AND u.kind = 'registered' AND NOT ${IS_INTERNAL})::int AS external
    FROM environments e
    LEFT JOIN tenants t ON t.environment_id = e.id
    LEFT JOIN end_users u ON u.tenant_id = t.id
   WHERE e.id = $1
   GROUP BY e.id, e.kind`;

/** Execution time (ms) of `sql` over every environment of the account, summed: one environment reading each. */
async function timeOverEnvironments(db: pg.Client, sql: string, environmentIds: readonly string[]): Promise<number> {
  let total = 0;
  for (const id of environmentIds) {
    const plan = await db.query(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${sql}`, [id]);
    total += plan.rows[0]['QUERY PLAN'][0]['Execution Time'] as number;
  }
  return total;
}

/**
 * Issue 16: what counting each tenant in the same pass costs. The environments' readings with per-tenant counts
 * against the same readings without them, alternated run by run so both see the same cache and load.
 */
export async function measureTenantCounting(db: pg.Client, dataset: Dataset, preset: Preset) {
  const { rows } = await db.query('SELECT id FROM environments WHERE account_id = $1 ORDER BY id', [dataset.accountId]);
  const ids = rows.map((row: { id: string }) => row.id);
  const totalsOnly: number[] = [];
  const perTenant: number[] = [];
  for (let run = 0; run < preset.runs; run += 1) {
    totalsOnly.push(await timeOverEnvironments(db, ENVIRONMENT_TOTALS_SQL, ids));
    perTenant.push(await timeOverEnvironments(db, ENVIRONMENT_READING_SQL, ids));
  }
  const [without, withTenants] = [summarize(totalsOnly), summarize(perTenant)];
  return {
    totalsOnlyMs: without,
    perTenantMs: withTenants,
    ratio: Math.round((withTenants.median / without.median) * 100) / 100,
  };
}

export async function measureRecount(db: pg.Client, api: Api, dataset: Dataset, preset: Preset) {
  const floor: number[] = [];
  for (let run = 0; run < preset.runs; run += 1) {
    const plan = await db.query(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${FLOOR_SQL}`, [dataset.accountId]);
    floor.push(plan.rows[0]['QUERY PLAN'][0]['Execution Time'] as number);
  }
  const totals = (await db.query(FLOOR_SQL, [dataset.accountId])).rows[0] as { internal: string; external: string };

  const recount: number[] = [];
  let result: unknown = null;
  for (let run = 0; run < preset.runs; run += 1) {
    const started = performance.now();
    const { jobId } = await api.call<{ jobId: string }>('POST', `/accounts/${dataset.accountId}/usage/recount`);
    for (;;) {
      const job = await api.call<{ state: string; result: unknown; failedReason: string | null }>(
        'GET',
        `/jobs/${encodeURIComponent(jobId)}`,
      );
      if (job.state === 'failed') throw new Error(`Recount failed: ${job.failedReason}`);
      if (job.state === 'completed') {
        result = job.result;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    recount.push(performance.now() - started);
  }
  const recountSummary = summarize(recount);
  const floorSummary = summarize(floor);
  return {
    recountMs: recountSummary,
    floorMs: floorSummary,
    ratio: Math.round((recountSummary.median / floorSummary.median) * 100) / 100,
    totals: { internal: Number(totals.internal), external: Number(totals.external) },
    workerResult: result,
  };
}

export async function measureHttp(
  api: Api,
  dataset: Dataset,
  preset: Preset,
  userIds: string[],
  cpu: () => CpuSnapshot | null,
) {
  const tenant = `/api/v1/tenants/${dataset.tenantId}`;
  const deepCursor = await api.cursorAt(`/tenants/${dataset.tenantId}/users`, preset.deepRows);
  const run = (options: Omit<LoadOptions, 'url' | 'connections' | 'seconds' | 'headers' | 'cpu'>) =>
    loadRuns(preset, {
      url: api.baseUrl,
      connections: preset.connections,
      seconds: preset.seconds,
      headers: api.headers,
      cpu,
      ...options,
    });

  const listFirstPage = await run({ path: () => `${tenant}/users?limit=50`, expect: 200 });
  const listDeepPage = await run({
    path: () => `${tenant}/users?limit=50&cursor=${encodeURIComponent(deepCursor)}`,
    expect: 200,
  });
  const search = await run({ path: () => `${tenant}/users?limit=50&search=${dataset.searchTerm}`, expect: 200 });
  const checkRole = await run({
    path: () => `${tenant}/users/${pick(userIds)}/check-role/${dataset.roleKey}`,
    expect: 200,
  });
  const effectiveRoles = await run({ path: () => `${tenant}/users/${pick(userIds)}/roles`, expect: 200 });
  let created = 0;
  const createUser = await run({
    method: 'POST',
    path: () => `${tenant}/users`,
    body: () => ({ username: `${CREATED_PREFIX}${process.pid}.${(created += 1)}.${Date.now()}` }),
    expect: 201,
  });
  return { listFirstPage, listDeepPage, search, checkRole, effectiveRoles, createUser };
}

/** Deactivates then activates the same 1000 users: each action one request, one transaction. */
export async function measureBulk(api: Api, dataset: Dataset, preset: Preset, userIds: string[]) {
  const ids = userIds.slice(0, 1_000);
  const times: number[] = [];
  for (let run = 0; run < preset.runs; run += 1) {
    for (const action of ['deactivate', 'activate']) {
      const started = performance.now();
      const result = await api.call<{ succeeded: number }>('POST', `/tenants/${dataset.tenantId}/users/bulk`, {
        action,
        userIds: ids,
      });
      times.push(performance.now() - started);
      if (result.succeeded !== ids.length) throw new Error(`Bulk ${action} succeeded for ${result.succeeded} users`);
    }
  }
  return { users: ids.length, ms: summarize(times) };
}

/** Raw argon2id verifications per second in this process, as many in flight as libuv has threads. */
async function rawVerifyRate(hash: string, password: string, seconds: number): Promise<number> {
  const threads = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
  let verified = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: threads }, async () => {
      while (performance.now() < deadline) {
        if (!(await argon2Verify(hash, password))) throw new Error('argon2 verify failed');
        verified += 1;
      }
    }),
  );
  return verified / ((performance.now() - started) / 1000);
}

/**
 * End-user login throughput against the raw argon2id verify rate of this machine, with the same hash.
 * Each login run follows a raw run of its own and the ratio is taken per pair: a shared machine's speed
 * drifts by 20 % over minutes, which would otherwise show as a change of the ratio.
 */
export async function measureLogin(
  api: Api,
  dataset: Dataset,
  preset: Preset,
  loginHash: string,
  cpu: () => CpuSnapshot | null,
) {
  let turn = 0;
  const options: LoadOptions = {
    url: api.baseUrl,
    connections: preset.connections,
    seconds: preset.seconds,
    headers: {},
    cpu,
    method: 'POST',
    path: () => `/api/v1/tenants/${dataset.tenantId}/auth/login`,
    // In turn, not at random: the brute-force protection holds back a username's fourth attempt in
    // flight until the others end (they could all be guesses), which is not what this measures.
    body: () => ({
      username: dataset.loginUsernames[(turn += 1) % dataset.loginUsernames.length],
      password: dataset.loginPassword,
    }),
    expect: 200,
  };
  await load({ ...options, seconds: Math.min(preset.seconds, WARM_UP_SECONDS) });
  const rawRates: number[] = [];
  const results: LoadResult[] = [];
  for (let run = 0; run < preset.runs; run += 1) {
    rawRates.push(await rawVerifyRate(loginHash, dataset.loginPassword, preset.seconds));
    results.push(await load(options));
  }
  const ratios = results.map((result, run) => result.requestsPerSecond / rawRates[run]!);
  return {
    login: summarizeLoads(results),
    rawVerifiesPerSecond: summarize(rawRates),
    ratio: summarize(ratios, 2),
    cpus: os.cpus().length,
  };
}
