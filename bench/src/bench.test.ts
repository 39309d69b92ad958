/**
 * Smoke test of `pnpm bench`: the smallest preset, end to end (dataset, API, worker, every
 * measurement, the report), into a temporary folder. Speeds are not judged here (that is
 * `pnpm bench`'s job on a quiet machine); that every figure is there, and that the worker's recount
 * agrees with the single-statement floor, is.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Results } from './report.js';

const out = mkdtempSync(join(tmpdir(), 'roster-bench-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('pnpm bench --smoke', () => {
  it('measures everything and writes the JSON and Markdown reports', { timeout: 600_000 }, async () => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    await promisify(execFile)(process.execPath, ['--import', 'tsx', main, '--smoke', '--fresh', '--out', out], {
      timeout: 540_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    const results = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as Results;

    expect(results.preset.name).toBe('smoke');
    expect(results.dataset.users).toBe(4_000);
    // The worker's totals are the floor statement's: the benchmark times the same work twice.
    expect(results.recount.workerResult).toMatchObject(results.recount.totals);
    expect(results.recount.totals.internal + results.recount.totals.external).toBeGreaterThan(0);
    expect(results.recount.recountMs.median).toBeGreaterThan(0);
    expect(results.recount.floorMs.median).toBeGreaterThan(0);
    expect(results.tenantCounting.perTenantMs.median).toBeGreaterThan(0);
    expect(results.tenantCounting.ratio).toBeGreaterThan(0);

    for (const [name, load] of Object.entries({ ...results.http, login: results.login.login })) {
      expect(load.requestsPerSecond.median, name).toBeGreaterThan(0);
      expect(load.p95.median, name).toBeGreaterThan(0);
      expect(load.p99.median, name).toBeGreaterThanOrEqual(load.p95.median);
      expect(load.errorKinds, `${name} answered unexpected statuses`).toEqual({});
      // The API and PostgreSQL did the work; the load generator's share is measured too.
      expect(load.cpuCores?.api, name).toBeGreaterThan(0);
      expect(load.cpuCores?.loadGenerator, name).toBeGreaterThan(0);
    }
    expect(results.bulk.users).toBe(1_000);
    expect(results.login.rawVerifiesPerSecond.median).toBeGreaterThan(0);
    expect(results.login.ratio.median).toBeGreaterThan(0);
    // Every user created during the webhook runs arrived at the receiver, once.
    expect(results.webhooks.eventsPerSecond.median).toBeGreaterThan(0);
    expect(results.webhooks.p95Ms.median).toBeGreaterThan(0);
    expect(results.webhooks.duplicates).toBe(0);
    // The largest tenant exported whole (with the users the runs before created), while the API's memory was sampled.
    expect(results.userExport.rows).toBeGreaterThanOrEqual(results.dataset.tenantUsers);
    expect(results.userExport.rowsPerSecond.median).toBeGreaterThan(0);
    expect(results.userExport.apiRssMiB.peak).toBeGreaterThan(0);
    // The import: every row created, as its dry run predicted.
    expect(results.userImport).toMatchObject({ rows: 2_000, created: 2_000, failed: 0 });
    expect(results.userImport.predicted).toEqual({ created: 2_000, updated: 0, failed: 0 });
    expect(results.userImport.rowsPerSecond).toBeGreaterThan(0);
    expect(results.userImport.floor.rowsPerSecond).toBeGreaterThan(0);
    // Dormant-user policy previews: the largest tenant's users are part of its environment's.
    expect(results.lifecycle.dormant.tenant).toBeGreaterThan(0);
    expect(results.lifecycle.dormant.environment).toBeGreaterThanOrEqual(results.lifecycle.dormant.tenant);
    expect(results.lifecycle.environmentMs.median).toBeGreaterThan(0);
    expect(results.lifecycle.uniqueEnvironmentMs.median).toBeGreaterThan(0);
    expect(results.peakRssMiB.api).toBeGreaterThan(0);
    expect(results.peakRssMiB.worker).toBeGreaterThan(0);

    const table = readFileSync(join(out, 'latest.md'), 'utf8');
    expect(table).toContain('| Account recount');
    expect(table).toMatch(/\| Per-tenant counting vs environment alone \| ≤ 1\.2 × \| [\d.]+ × \|/);
    expect(table).toContain('| check-role |');
    expect(table).toMatch(/\| CSV export of the largest tenant \| ≥ 50000 rows\/s \| \d+ rows\/s \|/);
    expect(table).toContain('| Webhook change → receiver: p50 / p95 / p99 |');
    expect(table).toMatch(/\| User import, dry run \+ apply \| ≥ 20000 rows\/s \| \d+ rows\/s \(floor \d+\) \|/);
    expect(table).toMatch(/\| API peak RSS \| ≤ 300 MiB \| [\d.]+ MiB \| (yes|\*\*no\*\*) \|/);
  });
});
