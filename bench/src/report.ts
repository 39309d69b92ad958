/** The results file, the machine it ran on, the targets of issue 7 and the Markdown table. */
import os from 'node:os';
import type pg from 'pg';
import type { Dataset } from './dataset.js';
import type {
  LoadSummary,
  measureBulk,
  measureHttp,
  measureLogin,
  measureRecount,
  measureTenantCounting,
} from './measure.js';
import type { Preset } from './presets.js';
import type { ScimResults } from './scim.js';
import type { WebhookResults } from './webhooks.js';
import type { ImportResults } from './import.js';
import type { ExportResults } from './export.js';
import type { LifecycleResults } from './lifecycle.js';

export interface Results {
  at: string;
  preset: Preset;
  machine: Awaited<ReturnType<typeof machine>>;
  dataset: Omit<Dataset, 'loginUsernames'> & { loginUsernames: number; generatedInSeconds: number | null };
  recount: Awaited<ReturnType<typeof measureRecount>>;
  tenantCounting: Awaited<ReturnType<typeof measureTenantCounting>>;
  http: Awaited<ReturnType<typeof measureHttp>>;
  scim: ScimResults;
  bulk: Awaited<ReturnType<typeof measureBulk>>;
  login: Awaited<ReturnType<typeof measureLogin>>;
  webhooks: WebhookResults;
  userExport: ExportResults;
  userImport: ImportResults;
  lifecycle: LifecycleResults;
  peakRssMiB: { api: number | null; worker: number | null };
}

export async function machine(db: pg.Client) {
  const version = (await db.query('SHOW server_version')).rows[0].server_version as string;
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

export interface Target {
  name: string;
  target: string;
  value: string;
  met: boolean;
}

/** The speed targets (issue 7's, and issue 16's per-tenant counting), judged on the medians. */
export function targets(r: Results): Target[] {
  const h = r.http;
  const ms = (value: number) => `${value} ms`;
  return [
    {
      name: 'Account recount',
      target: '≤ 2000 ms',
      value: ms(r.recount.recountMs.median),
      met: r.recount.recountMs.median <= 2000,
    },
    {
      name: 'Recount vs single-statement floor',
      target: '≤ 1.5 ×',
      value: `${r.recount.ratio} ×`,
      met: r.recount.ratio <= 1.5,
    },
    {
      name: 'Per-tenant counting vs environment alone',
      target: '≤ 1.2 ×',
      value: `${r.tenantCounting.ratio} ×`,
      met: r.tenantCounting.ratio <= 1.2,
    },
    {
      name: 'List, first page p95',
      target: '≤ 20 ms',
      value: ms(h.listFirstPage.p95.median),
      met: h.listFirstPage.p95.median <= 20,
    },
    {
      name: `List, page ${r.preset.deepRows} rows deep p95`,
      target: '≤ 20 ms',
      value: ms(h.listDeepPage.p95.median),
      met: h.listDeepPage.p95.median <= 20,
    },
    {
      name: 'Deep page vs first page (p95)',
      target: '≤ 1.5 ×',
      value: `${Math.round((h.listDeepPage.p95.median / h.listFirstPage.p95.median) * 100) / 100} ×`,
      met: h.listDeepPage.p95.median <= 1.5 * h.listFirstPage.p95.median,
    },
    { name: 'Search p95', target: '≤ 50 ms', value: ms(h.search.p95.median), met: h.search.p95.median <= 50 },
    {
      name: 'check-role throughput',
      target: '≥ 5000 req/s',
      value: `${h.checkRole.requestsPerSecond.median} req/s`,
      met: h.checkRole.requestsPerSecond.median >= 5000,
    },
    { name: 'check-role p99', target: '≤ 10 ms', value: ms(h.checkRole.p99.median), met: h.checkRole.p99.median <= 10 },
    ...scimTargets(r),
    {
      name: 'CSV export of the largest tenant',
      target: '≥ 50000 rows/s',
      value: `${r.userExport.rowsPerSecond.median} rows/s`,
      met: r.userExport.rowsPerSecond.median >= 50_000,
    },
    {
      name: 'User import, dry run + apply',
      target: '≥ 20000 rows/s',
      value: `${r.userImport.rowsPerSecond} rows/s (floor ${r.userImport.floor.rowsPerSecond})`,
      met: r.userImport.rowsPerSecond >= 20_000,
    },
    ...lifecycleTargets(r),
    {
      name: 'Login vs raw argon2id verify rate',
      target: '≥ 0.8 ×',
      value: `${r.login.ratio.median} ×`,
      met: r.login.ratio.median >= 0.8,
    },
    {
      name: 'API peak RSS',
      target: '≤ 300 MiB',
      value: `${r.peakRssMiB.api} MiB`,
      met: r.peakRssMiB.api !== null && r.peakRssMiB.api <= 300,
    },
  ];
}

/** Issue 17: each SCIM request's p95 within 1.5 × of the users list's first page. */
function scimTargets(r: Results): Target[] {
  const list = r.http.listFirstPage.p95.median;
  const rows: [string, LoadSummary][] = [
    ['SCIM userName eq', r.scim.userNameEq],
    ['SCIM first page (startIndex, with totalResults)', r.scim.firstPageByIndex],
    ['SCIM first page (cursor)', r.scim.firstPageByCursor],
    ['SCIM PATCH active', r.scim.patchActive],
  ];
  const ratio = (name: string, s: LoadSummary, base: number, against: string): Target => ({
    name: `${name} p95 vs ${against}`,
    target: '≤ 1.5 ×',
    value: `${Math.round((s.p95.median / base) * 100) / 100} × (${s.p95.median} ms)`,
    met: s.p95.median <= 1.5 * base,
  });
  return [
    ...rows.map(([name, s]) => ratio(name, s, list, 'users list first page')),
    // Not the target: what the same write costs through the users API, for comparison.
    ratio('SCIM PATCH active', r.scim.patchActive, r.scim.usersApiActive.p95.median, 'users API PATCH isActive'),
  ];
}

/** Issue 18: a dormant-user policy's preview within 2 s, over the largest tenant and over its environment. */
function lifecycleTargets(r: Results): Target[] {
  const rows: [string, { median: number }][] = [
    ['Policy preview, largest tenant (HTTP)', r.lifecycle.tenantMs],
    ['Policy preview, its environment (HTTP)', r.lifecycle.environmentMs],
    ['Policy preview, largest tenant, `unique` seats (statement)', r.lifecycle.uniqueTenantMs],
    ['Policy preview, its environment, `unique` seats (statement)', r.lifecycle.uniqueEnvironmentMs],
  ];
  return rows.map(([name, s]) => ({ name, target: '≤ 2000 ms', value: `${s.median} ms`, met: s.median <= 2000 }));
}

const range = (s: { median: number; min: number; max: number }) => `${s.median} (${s.min}–${s.max})`;

/** "0", or the count with what the errors were, e.g. "3 (status 429: 2, timeout: 1)". */
function errorCell(s: LoadSummary): string {
  const kinds = Object.entries(s.errorKinds).map(([kind, count]) => `${kind}: ${count}`);
  return kinds.length === 0 ? String(s.errors) : `${s.errors} (${kinds.join(', ')})`;
}

function loadRow(name: string, s: LoadSummary): string {
  return `| ${name} | ${range(s.requestsPerSecond)} | ${range(s.p50)} | ${range(s.p95)} | ${range(s.p99)} | ${errorCell(s)} |`;
}

function cpuRows(r: Results): string[] {
  const rows: [string, LoadSummary][] = [
    ['Users, first page', r.http.listFirstPage],
    ['Users, deep page', r.http.listDeepPage],
    ['Users, search', r.http.search],
    ['check-role', r.http.checkRole],
    ['Effective roles', r.http.effectiveRoles],
    ['Create user', r.http.createUser],
    ['End-user login', r.login.login],
    ['SCIM userName eq', r.scim.userNameEq],
    ['SCIM first page (startIndex)', r.scim.firstPageByIndex],
    ['SCIM first page (cursor)', r.scim.firstPageByCursor],
    ['SCIM PATCH active', r.scim.patchActive],
    ['Users API isActive', r.scim.usersApiActive],
  ];
  return rows.map(([name, s]) => {
    const c = s.cpuCores;
    return c
      ? `| ${name} | ${c.api} | ${c.postgres} | ${c.redis} | ${c.loadGenerator} |`
      : `| ${name} | – | – | – | – |`;
  });
}

export function markdown(r: Results): string {
  const m = r.machine;
  const lines = [
    `## Roster benchmark — ${r.preset.name} (${r.dataset.users.toLocaleString('en-US')} users)`,
    '',
    `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, PostgreSQL ${m.postgres}; ${r.preset.runs} runs of ` +
      `${r.preset.seconds} s at ${r.preset.connections} connections; median (min–max). Largest tenant: ` +
      `${r.dataset.tenantUsers.toLocaleString('en-US')} users. ${r.at}`,
    '',
    '| measurement | median (min–max) |',
    '| --- | --- |',
    `| Account recount through the worker (enqueue → completed) | ${range(r.recount.recountMs)} ms |`,
    `| Single-statement floor (same totals, execution time) | ${range(r.recount.floorMs)} ms |`,
    `| Recount / floor | ${r.recount.ratio} × |`,
    `| Environment readings, every environment: alone / with each tenant's counts | ${range(r.tenantCounting.totalsOnlyMs)} / ${range(r.tenantCounting.perTenantMs)} ms |`,
    `| Bulk deactivate or activate of ${r.bulk.users} users | ${range(r.bulk.ms)} ms |`,
    `| Raw argon2id verifications (${r.login.cpus} cores, libuv pool) | ${range(r.login.rawVerifiesPerSecond)} /s |`,
    `| Login / raw verify rate (per pair of runs) | ${range(r.login.ratio)} × |`,
    `| Webhook events delivered while creating users (${range(r.webhooks.createdPerSecond)} created/s) | ${range(r.webhooks.eventsPerSecond)} /s |`,
    `| Webhook change → receiver: p50 / p95 / p99 | ${range(r.webhooks.p50Ms)} / ${range(r.webhooks.p95Ms)} / ${range(r.webhooks.p99Ms)} ms |`,
    `| Webhook events received twice | ${r.webhooks.duplicates} |`,
    `| CSV export of the largest tenant (${r.userExport.rows.toLocaleString('en-US')} users, ${r.userExport.megabytes} MiB): rows/s, first byte | ${range(r.userExport.rowsPerSecond)} /s, ${range(r.userExport.firstByteMs)} ms |`,
    `| API resident memory before / peak during the exports | ${r.userExport.apiRssMiB.before} / ${r.userExport.apiRssMiB.peak} MiB |`,
    `| User import (${r.userImport.rows.toLocaleString('en-US')} users, ${r.userImport.megabytes} MiB): upload / dry run / apply | ${r.userImport.uploadMs} / ${r.userImport.dryRunMs} / ${r.userImport.applyMs} ms (${r.userImport.rowsPerSecond} rows/s overall) |`,
    `| Its floor: the same users into \`end_users\` alone, one INSERT … SELECT (rolled back) | ${r.userImport.floor.ms} ms (${r.userImport.floor.rowsPerSecond} rows/s) |`,
    `| Dormant-user policy preview (${r.lifecycle.dormant.tenant.toLocaleString('en-US')} / ${r.lifecycle.dormant.environment.toLocaleString('en-US')} users to deactivate): largest tenant / its environment, HTTP | ${range(r.lifecycle.tenantMs)} / ${range(r.lifecycle.environmentMs)} ms |`,
    `| The same with the account's seats under \`unique\` (statement) | ${range(r.lifecycle.uniqueTenantMs)} / ${range(r.lifecycle.uniqueEnvironmentMs)} ms |`,
    `| Peak RSS: API / worker | ${r.peakRssMiB.api} / ${r.peakRssMiB.worker} MiB |`,
    '',
    '| HTTP (largest tenant) | req/s | p50 ms | p95 ms | p99 ms | errors |',
    '| --- | --- | --- | --- | --- | --- |',
    loadRow('Users, first page', r.http.listFirstPage),
    loadRow(`Users, page ${r.preset.deepRows} rows deep`, r.http.listDeepPage),
    loadRow(`Users, search "${r.dataset.searchTerm}"`, r.http.search),
    loadRow('check-role', r.http.checkRole),
    loadRow('Effective roles', r.http.effectiveRoles),
    loadRow('Create user (no password)', r.http.createUser),
    loadRow('End-user login', r.login.login),
    loadRow('SCIM Users?filter=userName eq', r.scim.userNameEq),
    loadRow('SCIM Users, first page by startIndex', r.scim.firstPageByIndex),
    loadRow('SCIM Users, first page by cursor', r.scim.firstPageByCursor),
    loadRow('SCIM PATCH active (deactivate/activate)', r.scim.patchActive),
    loadRow('Users API PATCH isActive (the same change)', r.scim.usersApiActive),
    '',
    `| CPU during the HTTP runs (cores of ${m.cpus}) | API | PostgreSQL | Redis | load generator |`,
    '| --- | --- | --- | --- | --- |',
    ...cpuRows(r),
    '',
    '| target | wanted | measured | met |',
    '| --- | --- | --- | --- |',
    ...targets(r).map((t) => `| ${t.name} | ${t.target} | ${t.value} | ${t.met ? 'yes' : '**no**'} |`),
    '',
  ];
  return lines.join('\n');
}
