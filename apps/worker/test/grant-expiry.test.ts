/**
 * maintenance.remove-expired-grants (issue 18): removes the grants whose expiry has passed, and only those, in
 * every tenant, each audited and told as a revoke with `reason: 'expired'` by the system, through the unit of
 * work (so caches, recounts and webhooks hear of it); a second run finds nothing. Expiry is the database's
 * clock, so the fixtures set it relative to the database's now.
 */
import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { ChangeDispatcher, createDataSource, UnitOfWork } from '@roster/db';
import { cacheInvalidationChannels, type RecordedChange } from '@roster/domain';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerChanges } from '../src/changes/worker-changes.js';
import { RemoveExpiredGrantsHandler } from '../src/grant-expiry/remove-expired-grants.handler.js';
import { createWorkerContext } from '../src/worker.factory.js';
import { createTestEnv, type TestEnv } from './harness.js';

let env: TestEnv;
/** A pool as the worker's role, which row-level security lets see every tenant. */
let workerDb: DataSource;

beforeAll(async () => {
  env = await createTestEnv();
  workerDb = await createDataSource({ url: env.config.databaseUrl, poolSize: 2, role: 'roster_worker' }).initialize();
}, 60_000);
afterAll(async () => {
  await workerDb?.destroy();
  await env?.cleanup();
});

interface Tenant {
  accountId: string;
  environmentId: string;
  tenantId: string;
  roleId: string;
  roleKey: string;
}

/** An account with one environment, `count` tenants and one application role. */
async function seedTenants(count: number): Promise<Tenant[]> {
  const [accountId, environmentId, applicationId, roleId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const roleKey = `ops.r${roleId.slice(0, 8)}`;
  await env.db.query(
    `INSERT INTO accounts (id, name, subscription_model, aggregation) VALUES ($1, $2, 'named', 'sum')`,
    [accountId, `account ${accountId}`],
  );
  await env.db.query(`INSERT INTO environments (id, account_id, name, kind) VALUES ($1, $2, 'prod', 'production')`, [
    environmentId,
    accountId,
  ]);
  await env.db.query(
    `WITH app AS (INSERT INTO applications (id, environment_id, key, name) VALUES ($1, $2, 'ops', 'Ops'))
     INSERT INTO roles (id, environment_id, application_id, key, name) VALUES ($3, $2, $1, $4, 'Operator')`,
    [applicationId, environmentId, roleId, roleKey],
  );
  const tenants: Tenant[] = [];
  for (let i = 0; i < count; i += 1) {
    const tenantId = randomUUID();
    await env.db.query(`INSERT INTO tenants (id, account_id, environment_id, name) VALUES ($1, $2, $3, $4)`, [
      tenantId,
      accountId,
      environmentId,
      `tenant ${i}`,
    ]);
    tenants.push({ accountId, environmentId, tenantId, roleId, roleKey });
  }
  return tenants;
}

/** A user of the tenant granted the role directly, expiring at the database's now + `interval` (null: never). */
async function directGrant(tenant: Tenant, interval: string | null): Promise<string> {
  const userId = randomUUID();
  await env.db.query(
    `WITH u AS (INSERT INTO end_users (id, tenant_id, kind, username, username_key)
                VALUES ($1, $2, 'registered', $6, $6))
     INSERT INTO user_roles (tenant_id, environment_id, user_id, role_id, expires_at)
     VALUES ($2, $3, $1, $4, now() + $5::interval)`,
    [userId, tenant.tenantId, tenant.environmentId, tenant.roleId, interval, `user-${userId}`],
  );
  return userId;
}

/** A group of the tenant granted the role, expiring as directGrant's. */
async function groupGrant(tenant: Tenant, interval: string | null): Promise<string> {
  const groupId = randomUUID();
  await env.db.query(
    `WITH g AS (INSERT INTO user_groups (id, tenant_id, name) VALUES ($1, $2, $6))
     INSERT INTO group_roles (tenant_id, environment_id, group_id, role_id, expires_at)
     VALUES ($2, $3, $1, $4, now() + $5::interval)`,
    [groupId, tenant.tenantId, tenant.environmentId, tenant.roleId, interval, `group-${groupId}`],
  );
  return groupId;
}

async function grantsOf(tenant: Tenant): Promise<string[]> {
  const rows: { holder: string }[] = await env.db.query(
    `SELECT user_id AS holder FROM user_roles WHERE tenant_id = $1
     UNION ALL SELECT group_id FROM group_roles WHERE tenant_id = $1 ORDER BY holder`,
    [tenant.tenantId],
  );
  return rows.map((row) => row.holder);
}

interface AuditRow {
  id: string;
  tenant_id: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  before: Record<string, unknown>;
  after: unknown;
}

async function auditOf(tenant: Tenant): Promise<AuditRow[]> {
  return env.db.query(
    `SELECT id, tenant_id, actor_type, actor_id, action, target_type, target_id, before, after
     FROM audit_events WHERE tenant_id = $1 ORDER BY target_id`,
    [tenant.tenantId],
  );
}

/** The handler over a unit of work whose dispatcher hands the committed changes to `heard`. */
function handlerHearing(heard: RecordedChange[]): RemoveExpiredGrantsHandler {
  const consumer = { name: 'test', consume: async (changes: readonly RecordedChange[]) => void heard.push(...changes) };
  const dispatcher = new ChangeDispatcher(workerDb, [consumer], { warn: () => undefined }, 10);
  const changes = { unitOfWork: new UnitOfWork(workerDb, dispatcher) } as WorkerChanges;
  return new RemoveExpiredGrantsHandler(workerDb, changes);
}

describe('removing expired grants', () => {
  it('removes only the expired ones, in every tenant, each audited and told once as an expired revoke', async () => {
    const [a, b] = await seedTenants(2);
    const expiredUser = await directGrant(a!, '-1 minute');
    const justExpiredUser = await directGrant(a!, '-1 millisecond');
    const pendingUser = await directGrant(a!, '1 hour');
    const permanentUser = await directGrant(a!, null);
    const expiredGroup = await groupGrant(b!, '-1 second');
    const pendingGroup = await groupGrant(b!, '1 minute');
    const [expiredAt] = await env.db.query('SELECT expires_at FROM user_roles WHERE user_id = $1', [expiredUser]);

    const heard: RecordedChange[] = [];
    const handler = handlerHearing(heard);
    expect(await handler.removeExpired()).toEqual({ removed: 3 });

    expect(await grantsOf(a!)).toEqual([pendingUser, permanentUser].sort());
    expect(await grantsOf(b!)).toEqual([pendingGroup]);

    const system = { actor_type: 'system', actor_id: null, after: null };
    const revoked = (expiresAt: unknown) => ({
      roleKey: a!.roleKey,
      roleName: 'Operator',
      expiresAt,
      reason: 'expired',
    });
    expect(await auditOf(a!)).toEqual(
      [expiredUser, justExpiredUser].sort().map((userId) =>
        expect.objectContaining({
          ...system,
          action: 'user.role.revoked',
          target_type: 'user',
          target_id: userId,
          before: revoked(userId === expiredUser ? expiredAt.expires_at.toISOString() : expect.any(String)),
        }),
      ),
    );
    expect(await auditOf(b!)).toEqual([
      expect.objectContaining({
        ...system,
        action: 'group.role.revoked',
        target_type: 'group',
        target_id: expiredGroup,
        before: revoked(expect.any(String)),
      }),
    ]);

    // Told to the consumers after the commit, as the audit rows and outbox rows say, with the tenant's scope.
    const audited = [...(await auditOf(a!)), ...(await auditOf(b!))];
    expect(heard.map((change) => change.id).sort()).toEqual(audited.map((row) => row.id).sort());
    expect(heard).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'group.role.revoked',
          subject: { type: 'group', id: expiredGroup },
          accountId: b!.accountId,
          environmentId: b!.environmentId,
          tenantId: b!.tenantId,
          actor: { kind: 'system', id: null },
        }),
      ]),
    );
    const outbox: { id: string }[] = await env.db.query('SELECT id FROM outbox_events WHERE id = ANY($1)', [
      audited.map((row) => row.id),
    ]);
    expect(outbox).toHaveLength(3);

    // Idempotent: a second run finds nothing and tells nothing.
    expect(await handler.removeExpired()).toEqual({ removed: 0 });
    expect(heard).toHaveLength(3);
    expect(await auditOf(a!)).toHaveLength(2);
  });

  it('goes through a backlog in batches, one short transaction each', async () => {
    const [tenant] = await seedTenants(1);
    await env.db.query(
      `WITH u AS (INSERT INTO end_users (id, tenant_id, kind, username, username_key)
                  SELECT gen_random_uuid(), $1, 'registered', 'bulk-' || i, 'bulk-' || i FROM generate_series(1, 1100) i
                  RETURNING id)
       INSERT INTO user_roles (tenant_id, environment_id, user_id, role_id, expires_at)
       SELECT $1, $2, u.id, $3, now() - interval '1 day' FROM u`,
      [tenant!.tenantId, tenant!.environmentId, tenant!.roleId],
    );
    const pending = await directGrant(tenant!, '1 day');
    const heard: RecordedChange[] = [];
    expect(await handlerHearing(heard).removeExpired()).toEqual({ removed: 1100 });
    expect(await grantsOf(tenant!)).toEqual([pending]);
    expect(heard).toHaveLength(1100);
    const transactions = await env.db.query(
      `SELECT count(DISTINCT at)::int AS n FROM audit_events WHERE tenant_id = $1 AND action = 'user.role.revoked'`,
      [tenant!.tenantId],
    );
    expect(transactions[0].n).toBeGreaterThanOrEqual(3);
  });
});

describe('the running worker', () => {
  let worker: INestApplicationContext;
  let queue: Queue;
  let events: QueueEvents;
  let listener: Redis;
  const invalidations: { events: unknown[] }[] = [];

  beforeAll(async () => {
    worker = await createWorkerContext(env.config);
    const connection = { url: env.config.redisUrl };
    queue = new Queue('maintenance', { connection, prefix: env.config.queuePrefix });
    events = new QueueEvents('maintenance', { connection, prefix: env.config.queuePrefix });
    await events.waitUntilReady();
    listener = new Redis(env.config.redisUrl);
    await listener.subscribe(cacheInvalidationChannels(env.config.queuePrefix).current);
    listener.on('message', (_channel: string, message: string) => invalidations.push(JSON.parse(message)));
  }, 60_000);
  afterAll(async () => {
    listener?.disconnect();
    await events?.close();
    await queue?.close();
    await worker?.close();
  });

  it('schedules the sweep, and runs it: the API replicas hear which tenant’s role states went stale', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((scheduler) => scheduler.key)).toContain('maintenance.remove-expired-grants');

    const [tenant] = await seedTenants(1);
    const expired = await directGrant(tenant!, '-1 second');
    const job = await queue.add('maintenance.remove-expired-grants', {});
    await job.waitUntilFinished(events, 20_000);
    expect(await grantsOf(tenant!)).toEqual([]);
    const [audit] = await auditOf(tenant!);
    expect(audit).toMatchObject({ action: 'user.role.revoked', target_id: expired, actor_type: 'system' });
    await expect
      .poll(() => invalidations.flatMap((announcement) => announcement.events), { timeout: 5_000 })
      .toContainEqual({ kind: 'tenant', tenantId: tenant!.tenantId });
    // Its consumers took it: the change is marked delivered, and the relay will not hand it over again.
    await expect
      .poll(
        async () =>
          (
            await env.db.query('SELECT delivered_at IS NOT NULL AS delivered FROM outbox_events WHERE id = $1', [
              audit!.id,
            ])
          )[0]?.delivered,
        { timeout: 5_000 },
      )
      .toBe(true);
  });
});
