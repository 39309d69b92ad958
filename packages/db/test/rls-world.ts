import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { createDataSource, type DatabaseRole } from '../src/data-source.js';
import { newId } from '../src/entities/index.js';
import { dropDatabase, ensureDatabase, migrate } from '../src/setup.js';
import { ChangeDispatcher } from '../src/unit-of-work/dispatcher.js';
import { UnitOfWork } from '../src/unit-of-work/unit-of-work.js';

const SERVER = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';

export interface TenantRef {
  accountId: string;
  environmentId: string;
  tenantId: string;
}

/** A migrated database of its own, with a pool as the owner (postgres) and one per application role. */
export interface RlsDatabase {
  url: string;
  owner: DataSource;
  /** One connection each, so a later transaction is sure to run on the connection an earlier one used. */
  api: DataSource;
  worker: DataSource;
  close(): Promise<void>;
}

export async function openRlsDatabase(prefix: string): Promise<RlsDatabase> {
  const url = `${SERVER}/${prefix}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(url);
  const owner = await createDataSource({ url, poolSize: 2 }).initialize();
  await migrate(owner);
  const asRole = (role: DatabaseRole) => createDataSource({ url, poolSize: 1, role }).initialize();
  const [api, worker] = await Promise.all([asRole('roster_api'), asRole('roster_worker')]);
  return {
    url,
    owner,
    api,
    worker,
    async close() {
      await Promise.all([owner, api, worker].map((source) => source.destroy()));
      await dropDatabase(url);
    },
  };
}

/** The actor of the tests' units of work. */
export const SYSTEM_ACTOR = { kind: 'system', id: null } as const;

/** The API's unit of work on the database's roster_api pool, with no consumers for its changes. */
export function apiUnitOfWork(db: RlsDatabase): UnitOfWork {
  return new UnitOfWork(db.api, new ChangeDispatcher(db.api, [], { warn: () => undefined }));
}

/**
 * A LOGIN role of its own (NOINHERIT, a member of `role` only), as a deployment would give the API or the
 * worker, and a pool connecting as it with `role`. Roles are cluster-wide: close() drops it again.
 */
export async function loginAs(
  role: DatabaseRole,
  url: string,
): Promise<{ source: DataSource; close(): Promise<void> }> {
  const name = `roster_test_login_${randomBytes(4).toString('hex')}`;
  const admin = await createDataSource({ url, poolSize: 1 }).initialize();
  await admin.query(`CREATE ROLE ${name} LOGIN NOINHERIT IN ROLE ${role}`);
  const login = new URL(url);
  login.username = name;
  try {
    const source = await createDataSource({ url: login.toString(), poolSize: 1, role }).initialize();
    return {
      source,
      async close() {
        await source.destroy();
        await admin.query(`DROP ROLE ${name}`);
        await admin.destroy();
      },
    };
  } catch (error) {
    await admin.query(`DROP ROLE ${name}`);
    await admin.destroy();
    throw error;
  }
}

/** An account with one production environment (and one application role) and the given number of tenants. */
export async function createAccount(owner: DataSource, tenants: number): Promise<TenantRef[]> {
  const accountId = newId();
  const environmentId = newId();
  await owner.query(
    `INSERT INTO accounts (id, name, subscription_model, aggregation) VALUES ($1, $2, 'named', 'sum')`,
    [accountId, `account ${accountId}`],
  );
  await owner.query(`INSERT INTO environments (id, account_id, name, kind) VALUES ($1, $2, 'prod', 'production')`, [
    environmentId,
    accountId,
  ]);
  const refs: TenantRef[] = [];
  for (let i = 0; i < tenants; i += 1) {
    const tenantId = newId();
    await owner.query(`INSERT INTO tenants (id, account_id, environment_id, name) VALUES ($1, $2, $3, $4)`, [
      tenantId,
      accountId,
      environmentId,
      `tenant ${i}`,
    ]);
    refs.push({ accountId, environmentId, tenantId });
  }
  return refs;
}

/** Ids of the rows seedTenantRows wrote for one tenant. */
export interface TenantRows {
  userId: string;
  groupId: string;
  roleId: string;
}

/** One row in every tenant table, and an account event in account_audit_events, as the owner. */
export async function seedTenantRows(owner: DataSource, ref: TenantRef): Promise<TenantRows> {
  const rows = { userId: newId(), groupId: newId(), roleId: newId() };
  const applicationId = newId();
  await owner.query(
    `WITH app AS (INSERT INTO applications (id, environment_id, key, name) VALUES ($5, $2, $6, 'app')),
          role AS (INSERT INTO roles (id, environment_id, application_id, key, name)
                   VALUES ($4, $2, $5, $6, 'role'))
     INSERT INTO end_users (id, tenant_id, kind, username, username_key) VALUES ($3, $1, 'registered', 'u', 'u')`,
    [ref.tenantId, ref.environmentId, rows.userId, rows.roleId, applicationId, `key-${applicationId}`],
  );
  await owner.query(
    `WITH g AS (INSERT INTO user_groups (id, tenant_id, name) VALUES ($4, $1, 'g')),
          m AS (INSERT INTO group_members (tenant_id, group_id, user_id) VALUES ($1, $4, $3)),
          ur AS (INSERT INTO user_roles (tenant_id, environment_id, user_id, role_id) VALUES ($1, $2, $3, $5)),
          gr AS (INSERT INTO group_roles (tenant_id, environment_id, group_id, role_id) VALUES ($1, $2, $4, $5)),
          la AS (INSERT INTO login_attempts (id, tenant_id, user_id, result, ip)
                 VALUES (gen_random_uuid(), $1, $3, 'logged-in', '192.0.2.1')),
          k AS (INSERT INTO tenant_signing_keys (id, tenant_id, algorithm, public_jwk, signs_until, published_until)
                VALUES ($7, $1, 'EdDSA', '{}', now(), now()))
     INSERT INTO audit_events (id, account_id, tenant_id, actor_type, action, target_type, target_id)
     VALUES (gen_random_uuid(), $6, $1, 'operator', 'user.created', 'user', $3)`,
    [ref.tenantId, ref.environmentId, rows.userId, rows.groupId, rows.roleId, ref.accountId, `key-${rows.userId}`],
  );
  await owner.query(
    `INSERT INTO account_audit_events (id, account_id, actor_type, action, target_type, target_id)
     VALUES (gen_random_uuid(), $1, 'operator', 'environment.updated', 'environment', $2)`,
    [ref.accountId, ref.environmentId],
  );
  // Dormant-user policies (LifecyclePolicies1765900000000): a tenant's override and a user it deactivated.
  await owner.query(
    `WITH p AS (INSERT INTO tenant_lifecycle_policies (tenant_id, id, deactivate_after_days, enabled)
                VALUES ($1, $2, 90, true))
     INSERT INTO lifecycle_deactivations (tenant_id, user_id, policy_id, run_id, deactivated_at)
     VALUES ($1, $3, $2, gen_random_uuid(), now())`,
    [ref.tenantId, newId(), rows.userId],
  );
  // User imports (UserImports1765800000000): an import, a piece of its upload and a staged row.
  await owner.query(
    `WITH i AS (INSERT INTO user_imports (tenant_id, id, account_id, environment_id, dry_run, format, actor_type)
                VALUES ($1, $2, $3, $4, true, 'csv', 'system')),
          c AS (INSERT INTO user_import_chunks (tenant_id, import_id, seq, data) VALUES ($1, $2, 0, 'username'))
     INSERT INTO user_import_rows (tenant_id, import_id, line, username, new_user_id) VALUES ($1, $2, 2, 'u', $5)`,
    [ref.tenantId, newId(), ref.accountId, ref.environmentId, newId()],
  );
  return rows;
}

/**
 * A transaction as the unit of work opens it: the account and (for tenant work) the tenant set
 * transaction-locally, so they end with it.
 */
export function inScope<T>(
  source: DataSource,
  scope: { accountId?: string; tenantId?: string },
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return source.transaction(async (manager) => {
    await manager.query(`SELECT set_config('roster.account_id', $1, true), set_config('roster.tenant_id', $2, true)`, [
      scope.accountId ?? '',
      scope.tenantId ?? '',
    ]);
    return work(manager);
  });
}
