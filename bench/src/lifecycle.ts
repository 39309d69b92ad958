/**
 * Issue 18: what a dormant-user policy's preview costs — over the largest tenant and over its environment (every
 * tenant following the environment's policy), through the API, and the same statements under the `unique`
 * aggregation (the account's seats then read every production record of the affected persons), timed in the
 * database. Target: ≤ 2 s each.
 */
import { lifecyclePreviewStatement } from '@roster/db';
import { type LifecyclePolicyRules, lifecycleCutoffs } from '@roster/domain';
import type pg from 'pg';
import type { Api } from './api-client.js';
import type { Dataset } from './dataset.js';
import type { Preset } from './presets.js';
import { type Summary, summarize } from './stats.js';

export interface LifecycleResults {
  /** Users the policy would deactivate: in the largest tenant, and in its environment. */
  dormant: { tenant: number; environment: number };
  /** GET …/lifecycle-policy/preview, request to answer (the bench account aggregates with `sum`). */
  tenantMs: Summary;
  environmentMs: Summary;
  /** The same previews' statement with the account's seats under `unique`, execution time in the database. */
  uniqueTenantMs: Summary;
  uniqueEnvironmentMs: Summary;
}

/** 90 days, deleting 30 days later, except the role the largest tenant holds most; disabled, so it never runs. */
const policy = (roleKey: string): LifecyclePolicyRules => ({
  deactivateAfterDays: 90,
  deleteAfterDays: 30,
  exceptGroupIds: [],
  exceptRoleKeys: [roleKey],
  enabled: false,
});

async function timed(runs: number, once: () => Promise<unknown>): Promise<Summary> {
  await once(); // warm-up, not counted
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await once();
    times.push(performance.now() - started);
  }
  return summarize(times);
}

/** Execution time of the preview statement under `unique` (the API's cross-tenant reads set the same work_mem). */
async function uniqueStatementMs(db: pg.Client, dataset: Dataset, tenantIds: string[]): Promise<number> {
  const rules = policy(dataset.roleKey);
  const [text, values] = lifecyclePreviewStatement({
    accountId: dataset.accountId,
    environmentId: dataset.environmentId,
    tenantIds,
    policy: rules,
    cutoffs: lifecycleCutoffs(rules, new Date()),
    accountTotals: 'unique',
  });
  await db.query('BEGIN');
  try {
    await db.query(`SET LOCAL work_mem = '64MB'`);
    const plan = await db.query(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${text}`, values);
    return plan.rows[0]['QUERY PLAN'][0]['Execution Time'] as number;
  } finally {
    await db.query('ROLLBACK');
  }
}

export async function measureLifecyclePreview(
  db: pg.Client,
  api: Api,
  dataset: Dataset,
  preset: Preset,
): Promise<LifecycleResults> {
  const environmentPath = `/environments/${dataset.environmentId}/lifecycle-policy`;
  const tenantPath = `/tenants/${dataset.tenantId}/lifecycle-policy`;
  await api.call('PUT', environmentPath, policy(dataset.roleKey));
  try {
    const dormant = {
      tenant: (await api.call<{ deactivate: { count: number } }>('GET', `${tenantPath}/preview`)).deactivate.count,
      environment: (await api.call<{ deactivate: { count: number } }>('GET', `${environmentPath}/preview`)).deactivate
        .count,
    };
    const tenantMs = await timed(preset.runs, () => api.call('GET', `${tenantPath}/preview`));
    const environmentMs = await timed(preset.runs, () => api.call('GET', `${environmentPath}/preview`));
    const { rows } = await db.query('SELECT id FROM tenants WHERE environment_id = $1 ORDER BY id', [
      dataset.environmentId,
    ]);
    const environmentTenants = rows.map((row: { id: string }) => row.id);
    const statementTimes = async (tenantIds: string[]) => {
      await uniqueStatementMs(db, dataset, tenantIds);
      const times: number[] = [];
      for (let run = 0; run < preset.runs; run += 1) times.push(await uniqueStatementMs(db, dataset, tenantIds));
      return summarize(times);
    };
    return {
      dormant,
      tenantMs,
      environmentMs,
      uniqueTenantMs: await statementTimes([dataset.tenantId]),
      uniqueEnvironmentMs: await statementTimes(environmentTenants),
    };
  } finally {
    // The dataset as generated for the next run (the policy was disabled: it never acted).
    await db.query('DELETE FROM lifecycle_policies WHERE environment_id = $1', [dataset.environmentId]);
  }
}
