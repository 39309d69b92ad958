/**
 * Dormant-user policies in the worker (issue 18): the daily `lifecycle.run-policies` (which a worker's start runs at
 * once, as every static schedule) queues a run for every tenant whose policy in effect is enabled — the
 * environment's, or a tenant's override — and each run deactivates that tenant's dormant users in batches through
 * the unit of work, with the policy as actor. Run again, it finds nothing left to do. Fixtures are written straight
 * into the database, relative to its now().
 */
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerContext } from '../src/worker.factory.js';
import { createTestEnv, type TestEnv } from './harness.js';

let env: TestEnv;
let worker: INestApplicationContext | undefined;

interface Scope {
  accountId: string;
  environmentId: string;
}

async function seedEnvironment(policy: { days: number; enabled: boolean } | null): Promise<Scope> {
  const [accountId, environmentId] = [randomUUID(), randomUUID()];
  await env.db.query(
    `INSERT INTO accounts (id, name, subscription_model, aggregation) VALUES ($1, $2, 'named', 'sum')`,
    [accountId, `account ${accountId}`],
  );
  await env.db.query(`INSERT INTO environments (id, account_id, name, kind) VALUES ($1, $2, 'prod', 'production')`, [
    environmentId,
    accountId,
  ]);
  if (policy) {
    await env.db.query(
      `INSERT INTO lifecycle_policies (id, account_id, environment_id, deactivate_after_days, enabled)
       VALUES ($1, $2, $3, $4, $5)`,
      [randomUUID(), accountId, environmentId, policy.days, policy.enabled],
    );
  }
  return { accountId, environmentId };
}

async function seedTenant(scope: Scope, override: { days: number; enabled: boolean } | null = null) {
  const tenantId = randomUUID();
  await env.db.query(`INSERT INTO tenants (id, account_id, environment_id, name) VALUES ($1, $2, $3, $4)`, [
    tenantId,
    scope.accountId,
    scope.environmentId,
    `tenant ${tenantId.slice(0, 8)}`,
  ]);
  let policyId: string | null = null;
  if (override) {
    policyId = randomUUID();
    await env.db.query(
      `INSERT INTO tenant_lifecycle_policies (tenant_id, id, deactivate_after_days, enabled) VALUES ($1, $2, $3, $4)`,
      [tenantId, policyId, override.days, override.enabled],
    );
  }
  return { ...scope, tenantId, policyId };
}

/** `count` registered users last seen `daysAgo` days ago (by their creation: they never logged in). */
async function seedUsers(tenantId: string, count: number, daysAgo: number): Promise<void> {
  await env.db.query(
    `INSERT INTO end_users (id, tenant_id, kind, username, username_key, created_at, updated_at)
     SELECT gen_random_uuid(), $1, 'registered', 'u' || i || '-' || $3::text, 'u' || i || '-' || $3::text,
            now() - make_interval(days => $3::int), now() - make_interval(days => $3::int)
       FROM generate_series(1, $2::int) i`,
    [tenantId, count, daysAgo],
  );
}

async function activeUsers(tenantId: string): Promise<number> {
  const [row] = await env.db.query('SELECT count(*)::int AS n FROM end_users WHERE tenant_id = $1 AND is_active', [
    tenantId,
  ]);
  return row.n;
}

interface RunRow {
  tenant_id: string;
  policy_id: string;
  trigger: string;
  deactivated: number;
  deleted: number;
  failure: string | null;
}

async function finishedRuns(): Promise<RunRow[]> {
  return env.db.query(
    `SELECT tenant_id, policy_id::text, trigger, deactivated, deleted, failure FROM lifecycle_policy_runs
      WHERE finished_at IS NOT NULL ORDER BY id`,
  );
}

async function waitForRuns(count: number): Promise<RunRow[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const runs = await finishedRuns();
    if (runs.length >= count) return runs;
    if (Date.now() > deadline) throw new Error(`expected ${count} finished runs, found ${JSON.stringify(runs)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let followsEnvironment: Awaited<ReturnType<typeof seedTenant>>;
let big: Awaited<ReturnType<typeof seedTenant>>;
let overridden: Awaited<ReturnType<typeof seedTenant>>;
let disabledOverride: Awaited<ReturnType<typeof seedTenant>>;
let noPolicy: Awaited<ReturnType<typeof seedTenant>>;
let disabledEnvironment: Awaited<ReturnType<typeof seedTenant>>;
let environmentPolicyId: string;

beforeAll(async () => {
  env = await createTestEnv();
  const withPolicy = await seedEnvironment({ days: 90, enabled: true });
  [{ id: environmentPolicyId }] = await env.db.query(
    'SELECT id::text FROM lifecycle_policies WHERE environment_id = $1',
    [withPolicy.environmentId],
  );
  followsEnvironment = await seedTenant(withPolicy);
  await seedUsers(followsEnvironment.tenantId, 3, 100);
  await seedUsers(followsEnvironment.tenantId, 2, 10);
  // More than two batches of 500.
  big = await seedTenant(withPolicy);
  await seedUsers(big.tenantId, 1_100, 365);
  // Its own policy: 30 days.
  overridden = await seedTenant(withPolicy, { days: 30, enabled: true });
  await seedUsers(overridden.tenantId, 4, 40);
  // An override that is disabled replaces the environment's policy all the same: nothing runs.
  disabledOverride = await seedTenant(withPolicy, { days: 30, enabled: false });
  await seedUsers(disabledOverride.tenantId, 2, 400);
  noPolicy = await seedTenant(await seedEnvironment(null));
  await seedUsers(noPolicy.tenantId, 2, 400);
  disabledEnvironment = await seedTenant(await seedEnvironment({ days: 1, enabled: false }));
  await seedUsers(disabledEnvironment.tenantId, 2, 400);

  worker = await createWorkerContext(env.config, { redisConnectTimeoutMs: 5_000 });
}, 60_000);

afterAll(async () => {
  await worker?.close();
  await env?.cleanup();
});

describe('the daily run of dormant-user policies', () => {
  it('runs every tenant whose policy in effect is enabled, as that policy', async () => {
    const runs = await waitForRuns(3);
    expect(runs).toHaveLength(3);
    const byTenant = new Map(runs.map((run) => [run.tenant_id, run]));
    expect(byTenant.get(followsEnvironment.tenantId)).toMatchObject({
      policy_id: environmentPolicyId,
      trigger: 'schedule',
      deactivated: 3,
      deleted: 0,
      failure: null,
    });
    expect(byTenant.get(big.tenantId)).toMatchObject({ policy_id: environmentPolicyId, deactivated: 1_100 });
    expect(byTenant.get(overridden.tenantId)).toMatchObject({ policy_id: overridden.policyId, deactivated: 4 });

    expect(await activeUsers(followsEnvironment.tenantId)).toBe(2);
    expect(await activeUsers(big.tenantId)).toBe(0);
    expect(await activeUsers(overridden.tenantId)).toBe(0);
    for (const untouched of [disabledOverride, noPolicy, disabledEnvironment]) {
      expect(await activeUsers(untouched.tenantId)).toBe(2);
    }

    // Each deactivation audited and in the outbox, with the policy as actor.
    const [audit] = await env.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT target_id)::int AS users,
              bool_and(actor_type = 'lifecycle-policy' AND actor_id = $2 AND action = 'user.deactivated') AS policy
         FROM audit_events WHERE tenant_id = $1`,
      [big.tenantId, environmentPolicyId],
    );
    expect(audit).toEqual({ n: 1_100, users: 1_100, policy: true });
    const [outbox] = await env.db.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE event->>'tenantId' = $1 AND type = 'user.deactivated'`,
      [big.tenantId],
    );
    expect(outbox.n).toBe(1_100);
    // Recorded as the policy's, so a later run may delete them.
    const [noted] = await env.db.query('SELECT count(*)::int AS n FROM lifecycle_deactivations WHERE tenant_id = $1', [
      big.tenantId,
    ]);
    expect(noted.n).toBe(1_100);
  }, 40_000);

  it('finds nothing left to do when it runs again', async () => {
    const queue = new Queue('lifecycle', { connection: { url: env.config.redisUrl }, prefix: env.config.queuePrefix });
    try {
      await queue.add('lifecycle.run-policies', {});
      const runs = await waitForRuns(6);
      expect(runs.slice(3).map(({ deactivated, deleted, failure }) => ({ deactivated, deleted, failure }))).toEqual([
        { deactivated: 0, deleted: 0, failure: null },
        { deactivated: 0, deleted: 0, failure: null },
        { deactivated: 0, deleted: 0, failure: null },
      ]);
      const [audit] = await env.db.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE actor_type = 'lifecycle-policy'`,
      );
      expect(audit.n).toBe(3 + 1_100 + 4);
    } finally {
      await queue.close();
    }
  }, 40_000);
});
