/** Issue 18: exporting the largest tenant's users as CSV, streamed from a database cursor. */
import { readFileSync } from 'node:fs';
import type { Api } from './api-client.js';
import type { Dataset } from './dataset.js';
import type { Preset } from './presets.js';
import { type Summary, summarize } from './stats.js';

export interface ExportResults {
  /** Users in each file (the CSV's lines less its header). */
  rows: number;
  megabytes: number;
  rowsPerSecond: Summary;
  /** From the request to the first byte: the database's sort of the tenant's users comes first. */
  firstByteMs: Summary;
  /** The API's resident memory before the exports, and the most it reached during them (sampled every 20 ms). */
  apiRssMiB: { before: number | null; peak: number | null };
}

/** The process's resident memory now (VmRSS), in MiB. */
function rssMiB(pid: number): number | null {
  try {
    const kib = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kib) ? Math.round((kib / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

/** One whole export, read as fast as this process can: its rows, bytes and times. */
async function exportOnce(api: Api, tenantId: string) {
  const started = performance.now();
  const response = await fetch(`${api.baseUrl}/api/v1/tenants/${tenantId}/users/export?format=csv`, {
    headers: api.headers,
  });
  if (!response.ok || !response.body) throw new Error(`The export answered ${response.status}`);
  let firstByte: number | null = null;
  let lines = 0;
  let bytes = 0;
  for await (const chunk of response.body) {
    firstByte ??= performance.now() - started;
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
  }
  return { rows: lines - 1, bytes, ms: performance.now() - started, firstByteMs: firstByte ?? 0 };
}

/** `preset.runs` exports of the largest tenant one after another, after one to warm up. */
export async function measureExport(
  api: Api,
  dataset: Dataset,
  preset: Preset,
  apiPid: number,
): Promise<ExportResults> {
  await exportOnce(api, dataset.tenantId);
  const before = rssMiB(apiPid);
  let peak = before;
  const sampler = setInterval(() => {
    const now = rssMiB(apiPid);
    if (now !== null && (peak === null || now > peak)) peak = now;
  }, 20);
  try {
    const runs = [];
    for (let run = 0; run < preset.runs; run += 1) runs.push(await exportOnce(api, dataset.tenantId));
    const rows = runs[0]!.rows;
    if (runs.some((run) => run.rows !== rows)) throw new Error('The exports disagree on the number of users');
    return {
      rows,
      megabytes: Math.round((runs[0]!.bytes / 2 ** 20) * 10) / 10,
      rowsPerSecond: summarize(
        runs.map((run) => run.rows / (run.ms / 1000)),
        0,
      ),
      firstByteMs: summarize(runs.map((run) => run.firstByteMs)),
      apiRssMiB: { before, peak },
    };
  } finally {
    clearInterval(sampler);
  }
}
