/**
 * Row-level security, the second wall (DESIGN.md §5): a statement run as the API's role sees and writes only the
 * rows of the tenant (or account) its transaction set, even when its WHERE forgets the tenant; the worker's role
 * sees every tenant; neither can switch the policies off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from './data-source.js';
import { newId } from './entities/index.js';
import {
  createAccount,
  inScope,
  loginAs,
  openRlsDatabase,
  type RlsDatabase,
  seedTenantRows,
  type TenantRef,
  type TenantRows,
} from '../test/rls-world.js';

let db: RlsDatabase;
let a: TenantRef;
let b: TenantRef;
/** A tenant of another account. */
let other: TenantRef;
const rows = {} as Record<'a' | 'b' | 'other', TenantRows>;

/**
 * Every base table with a tenant_id column, read from the catalog so a new one cannot be missed — but the
 * outbox, whose rows the API role cannot read at all (see 'the outbox' below), and the per-tenant usage the
 * worker writes, which is held to the account (see 'account tables' below).
 */
/**
 * Tables held to one account for roster_api (usage the worker writes, read by account-level routes; the events of
 * no tenant). In name order, as the catalog query below lists them.
 */
const ACCOUNT_TABLES = [
  'account_audit_events',
  'lifecycle_policies',
  'lifecycle_policy_runs',
  'tenant_usage',
  'tenant_usage_latest',
  'usage_statements',
];

async function tenantTables(): Promise<string[]> {
  const found: { table_name: string }[] = await db.owner.query(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
        AND c.table_name NOT IN ('outbox_events', ${ACCOUNT_TABLES.map((t) => `'${t}'`).join(', ')})
      ORDER BY 1`,
  );
  return found.map((row) => row.table_name);
}

async function countIn(table: string, query: (sql: string) => Promise<{ n: number }[]>): Promise<number> {
  const [row] = await query(`SELECT count(*)::int AS n FROM ${table}`);
  return row!.n;
}

beforeAll(async () => {
  db = await openRlsDatabase('roster_rls');
  const tenants = await createAccount(db.owner, 2);
  [a, b] = [tenants[0]!, tenants[1]!];
  other = (await createAccount(db.owner, 1))[0]!;
  rows.a = await seedTenantRows(db.owner, a);
  rows.b = await seedTenantRows(db.owner, b);
  rows.other = await seedTenantRows(db.owner, other);
});

afterAll(async () => db?.close());

describe('the API role (roster_api)', () => {
  it('is the role a pool with `role` connects as, and has no power over the policies', async () => {
    const [who] = await db.api.query(
      `SELECT current_user AS "user", r.rolsuper AS super, r.rolbypassrls AS bypass, r.rolcanlogin AS login
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(who).toEqual({ user: 'roster_api', super: false, bypass: false, login: false });
    const owned = await db.api.query(
      `SELECT relname FROM pg_class WHERE relowner = 'roster_api'::regrole AND relnamespace = 'public'::regnamespace`,
    );
    expect(owned).toEqual([]);
    const [worker] = await db.worker.query(
      `SELECT current_user AS "user", r.rolsuper AS super, r.rolbypassrls AS bypass
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(worker).toEqual({ user: 'roster_worker', super: false, bypass: false });
  });

  it('sees no row of any tenant table while no tenant is set', async () => {
    const tables = await tenantTables();
    expect(tables.length).toBeGreaterThanOrEqual(8);
    for (const table of tables) {
      expect(await countIn(table, (sql) => db.owner.query(sql)), `${table} as owner`).toBeGreaterThan(0);
      expect(await countIn(table, (sql) => db.api.query(sql)), `${table} as roster_api`).toBe(0);
      // An account-level unit of work (account set, tenant not) sees no tenant's rows either, audit aside.
      const inAccount = await inScope(db.api, { accountId: a.accountId }, (m) => countIn(table, (sql) => m.query(sql)));
      expect(inAccount, `${table} at account level`).toBe(table === 'audit_events' ? 2 : 0);
    }
  });

  it('with tenant A set reads only A’s rows, in every tenant table, though the WHERE names no tenant', async () => {
    for (const table of await tenantTables()) {
      const tenants: { tenant_id: string }[] = await inScope(db.api, a, (m) =>
        m.query(`SELECT DISTINCT tenant_id FROM ${table}`),
      );
      expect(tenants, table).toEqual([{ tenant_id: a.tenantId }]);
    }
    const users = await inScope(db.api, a, (m) => m.query('SELECT * FROM end_users'));
    expect(users.map((user: { id: string }) => user.id)).toEqual([rows.a.userId]);
    // A join through the grants reaches only A's side as well.
    const holders = await inScope(db.api, a, (m) =>
      m.query(`SELECT u.id FROM end_users u JOIN user_roles r ON r.user_id = u.id WHERE r.role_id = ANY($1)`, [
        [rows.a.roleId, rows.b.roleId],
      ]),
    );
    expect(holders).toEqual([{ id: rows.a.userId }]);
  });

  it('with tenant A set cannot change or delete B’s rows, and cannot insert one of B', async () => {
    await inScope(db.api, a, async (m) => {
      const [, updated] = await m.query(`UPDATE end_users SET name = 'taken over' WHERE id = $1`, [rows.b.userId]);
      expect(updated).toBe(0);
      const [, deleted] = await m.query(`DELETE FROM user_groups WHERE id = $1`, [rows.b.groupId]);
      expect(deleted).toBe(0);
      const [, everything] = await m.query(`DELETE FROM login_attempts`);
      expect(everything).toBe(1);
    });
    const [user] = await db.owner.query('SELECT name FROM end_users WHERE id = $1', [rows.b.userId]);
    expect(user.name).toBeNull();
    expect(await db.owner.query('SELECT id FROM user_groups WHERE id = $1', [rows.b.groupId])).toHaveLength(1);
    expect(await db.owner.query('SELECT 1 FROM login_attempts WHERE tenant_id = $1', [b.tenantId])).toHaveLength(1);

    await expect(
      inScope(db.api, a, (m) =>
        m.query(`INSERT INTO end_users (id, tenant_id, kind) VALUES ($1, $2, 'anonymous')`, [newId(), b.tenantId]),
      ),
    ).rejects.toThrow(/violates row-level security policy for table "end_users"/);
    // Moving an own row into another tenant is refused by the same check.
    await expect(
      inScope(db.api, a, (m) => m.query(`UPDATE user_groups SET tenant_id = $1`, [b.tenantId])),
    ).rejects.toThrow(/violates row-level security policy/);
    // Its own tenant it may write.
    const id = newId();
    await inScope(db.api, a, (m) =>
      m.query(`INSERT INTO end_users (id, tenant_id, kind) VALUES ($1, $2, 'anonymous')`, [id, a.tenantId]),
    );
    await inScope(db.api, a, (m) => m.query('DELETE FROM end_users WHERE id = $1', [id]));
  });

  it('loses the tenant when the transaction ends: the next statement on the connection sees nothing', async () => {
    const inside = await inScope(db.api, a, (m) => countIn('end_users', (sql) => m.query(sql)));
    expect(inside).toBe(1);
    // Same single connection: the setting now reads '' (not NULL), which NULLIF turns into "no tenant".
    const [setting] = await db.api.query(`SELECT current_setting('roster.tenant_id', true) AS value`);
    expect(setting.value).toBe('');
    expect(await countIn('end_users', (sql) => db.api.query(sql))).toBe(0);
    expect(await inScope(db.api, {}, (m) => countIn('end_users', (sql) => m.query(sql)))).toBe(0);
  });

  it('cannot switch row security off, or alter the tables or their policies', async () => {
    // With row_security off a statement that the policies would filter fails instead of bypassing them.
    await expect(
      db.api.transaction(async (m) => {
        await m.query('SET LOCAL row_security = off');
        await m.query('SELECT * FROM end_users');
      }),
    ).rejects.toThrow(/query would be affected by row-level security policy for table "end_users"/);
    await expect(db.api.query('ALTER TABLE end_users NO FORCE ROW LEVEL SECURITY')).rejects.toThrow(
      /must be owner of table end_users/,
    );
    await expect(db.api.query('DROP POLICY tenant_rows ON end_users')).rejects.toThrow(/must be owner/);
    await expect(db.api.query('ALTER ROLE roster_api BYPASSRLS')).rejects.toThrow(/must be superuser/);
  });

  it('cannot leave its role when its login is a member of roster_api only, as a deployment’s should be', async () => {
    const login = await loginAs('roster_api', db.url);
    try {
      expect(await countIn('end_users', (sql) => login.source.query(sql))).toBe(0);
      for (const escape of ['SET ROLE postgres', 'SET ROLE roster_worker', 'SET SESSION AUTHORIZATION postgres']) {
        await expect(login.source.query(escape), escape).rejects.toThrow(/permission denied/);
      }
      // RESET returns to the role the connection started with.
      await login.source.query('RESET ROLE');
      expect(await login.source.query('SELECT current_user AS role')).toEqual([{ role: 'roster_api' }]);
      // NONE returns to the login itself (NOINHERIT): it holds no right of its own on the tables.
      await login.source.query('SET ROLE NONE');
      await expect(login.source.query('SELECT 1 FROM end_users')).rejects.toThrow(/permission denied/);
    } finally {
      await login.close();
    }
  });

  it('is only a guard against mistakes when the login is a superuser (tests, development): SET ROLE leaves it', async () => {
    const superuser = await createDataSource({ url: db.url, poolSize: 1, role: 'roster_api' }).initialize();
    try {
      await superuser.query('RESET ROLE');
      expect(await countIn('end_users', (sql) => superuser.query(sql))).toBe(0);
      await superuser.query('SET ROLE NONE');
      expect(await countIn('end_users', (sql) => superuser.query(sql))).toBeGreaterThan(0);
    } finally {
      await superuser.destroy();
    }
  });

  it('reads the audit trail of its account, and of its tenant once one is set', async () => {
    type Event = { account_id: string; tenant_id: string };
    const atAccount: Event[] = await inScope(db.api, { accountId: a.accountId }, (m) =>
      m.query('SELECT account_id, tenant_id FROM audit_events'),
    );
    expect(new Set(atAccount.map((e) => e.account_id))).toEqual(new Set([a.accountId]));
    expect(new Set(atAccount.map((e) => e.tenant_id))).toEqual(new Set([a.tenantId, b.tenantId]));
    const ofAccount = (scope: Parameters<typeof inScope>[1]) =>
      inScope(db.api, scope, (m) => m.query('SELECT account_id FROM account_audit_events'));
    // One per tenant seeded (A and B are tenants of the same account).
    expect(await ofAccount({ accountId: a.accountId })).toEqual([
      { account_id: a.accountId },
      { account_id: a.accountId },
    ]);
    const inTenant: Event[] = await inScope(db.api, a, (m) =>
      m.query('SELECT account_id, tenant_id FROM audit_events'),
    );
    expect(inTenant).toEqual([{ account_id: a.accountId, tenant_id: a.tenantId }]);
    // Events of no tenant are the account's, not a tenant's.
    expect(await ofAccount(a)).toEqual([]);

    const insert = (accountId: string | null, tenantId: string) => (m: { query: typeof db.api.query }) =>
      m.query(
        `INSERT INTO audit_events (id, account_id, tenant_id, actor_type, action, target_type, target_id)
         VALUES ($1, $2, $3, 'operator', 'test', 'test', $1)`,
        [newId(), accountId, tenantId],
      );
    const insertOfAccount = (accountId: string | null) => (m: { query: typeof db.api.query }) =>
      m.query(
        `INSERT INTO account_audit_events (id, account_id, actor_type, action, target_type, target_id)
         VALUES ($1, $2, 'operator', 'test', 'test', $1)`,
        [newId(), accountId],
      );
    // Account level writes events of the account and of its tenants (tenant.created); not another account's.
    await inScope(db.api, { accountId: a.accountId }, insert(a.accountId, b.tenantId));
    await inScope(db.api, { accountId: a.accountId }, insertOfAccount(a.accountId));
    await expect(inScope(db.api, { accountId: a.accountId }, insertOfAccount(other.accountId))).rejects.toThrow(
      /row-level security/,
    );
    await expect(inScope(db.api, { accountId: a.accountId }, insert(other.accountId, other.tenantId))).rejects.toThrow(
      /row-level security/,
    );
    // Tenant work writes its own tenant's events only, none of the account's, and none without an account.
    await expect(inScope(db.api, a, insert(a.accountId, b.tenantId))).rejects.toThrow(/row-level security/);
    await expect(inScope(db.api, a, insertOfAccount(a.accountId))).rejects.toThrow(/row-level security/);
    await expect(inScope(db.api, {}, insertOfAccount(null))).rejects.toThrow(/row-level security/);
    await db.owner.query(`DELETE FROM audit_events WHERE action = 'test'`);
    await db.owner.query(`DELETE FROM account_audit_events WHERE action = 'test'`);
  });

  it('reads the tables needed before a tenant is known without any setting', async () => {
    for (const table of ['accounts', 'environments', 'tenants', 'operators', 'operator_sessions', 'api_keys']) {
      const owner = await countIn(table, (sql) => db.owner.query(sql));
      expect(await countIn(table, (sql) => db.api.query(sql)), table).toBe(owner);
    }
  });

  it('may read the migrations table but not write it', async () => {
    expect((await db.api.query('SELECT name FROM roster_migrations')).length).toBeGreaterThan(0);
    await expect(db.api.query(`DELETE FROM roster_migrations`)).rejects.toThrow(/permission denied/);
    await expect(db.worker.query(`INSERT INTO typeorm_metadata ("type") VALUES ('x')`)).rejects.toThrow(
      /permission denied/,
    );
  });

  it('gets the same rights on a table a later migration creates', async () => {
    await db.owner.query('CREATE TABLE later_table (id int PRIMARY KEY)');
    try {
      await db.api.query('INSERT INTO later_table VALUES (1)');
      expect(await db.worker.query('SELECT id FROM later_table')).toEqual([{ id: 1 }]);
    } finally {
      await db.owner.query('DROP TABLE later_table');
    }
  });

  it('still deletes a tenant’s rows with it: the cascades are not held by the policies', async () => {
    const [doomed] = await createAccount(db.owner, 1);
    await seedTenantRows(db.owner, doomed!);
    await inScope(db.api, { accountId: doomed!.accountId }, (m) =>
      m.query('DELETE FROM tenants WHERE id = $1', [doomed!.tenantId]),
    );
    expect(await db.owner.query('SELECT 1 FROM end_users WHERE tenant_id = $1', [doomed!.tenantId])).toEqual([]);
  });
});

describe('the outbox', () => {
  it('takes the API role’s changes and their delivery marks, but shows it none of their content', async () => {
    const id = newId();
    await inScope(db.api, a, (m) =>
      m.query(`INSERT INTO outbox_events (id, account_id, type, event) VALUES ($1, $2, 'test', '{}')`, [
        id,
        a.accountId,
      ]),
    );
    await expect(inScope(db.api, a, (m) => m.query('SELECT event FROM outbox_events'))).rejects.toThrow(
      /permission denied/,
    );
    await expect(inScope(db.api, a, (m) => m.query('SELECT type, account_id FROM outbox_events'))).rejects.toThrow(
      /permission denied/,
    );
    const [, marked] = await db.api.query(
      'UPDATE outbox_events SET delivered_at = now() WHERE id = ANY($1) AND delivered_at IS NULL',
      [[id]],
    );
    expect(marked).toBe(1);
    const [row] = await db.worker.query(
      'SELECT type, delivered_at IS NOT NULL AS delivered FROM outbox_events WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ type: 'test', delivered: true });
    await db.owner.query('DELETE FROM outbox_events WHERE id = $1', [id]);
  });
});

describe('the worker role (roster_worker)', () => {
  it('sees and writes every tenant’s rows without a tenant set', async () => {
    for (const table of await tenantTables()) {
      const owner = await countIn(table, (sql) => db.owner.query(sql));
      expect(await countIn(table, (sql) => db.worker.query(sql)), table).toBe(owner);
    }
    const [, updated] = await db.worker.query(`UPDATE end_users SET last_login_at = NULL WHERE tenant_id = ANY($1)`, [
      [a.tenantId, b.tenantId, other.tenantId],
    ]);
    expect(updated).toBe(3);
  });
});

describe('every tenant table', () => {
  it('has row-level security enabled and forced, a tenant policy for roster_api and one for roster_worker', async () => {
    const tables = await tenantTables();
    expect(tables).toEqual(
      expect.arrayContaining([
        'audit_events',
        'end_users',
        'group_members',
        'group_roles',
        'login_attempts',
        'tenant_signing_keys',
        'user_groups',
        'user_roles',
      ]),
    );
    const state = await db.owner.query(
      `SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
              EXISTS (SELECT 1 FROM pg_policy p
                       WHERE p.polrelid = c.oid AND p.polroles = ARRAY['roster_api'::regrole::oid]
                         AND pg_get_expr(p.polqual, p.polrelid) ~ 'roster\\.(tenant|account)_id'
                         AND pg_get_expr(p.polwithcheck, p.polrelid) ~ 'roster\\.(tenant|account)_id') AS api,
              EXISTS (SELECT 1 FROM pg_policy p
                       WHERE p.polrelid = c.oid AND p.polroles = ARRAY['roster_worker'::regrole::oid]) AS worker,
              NOT EXISTS (SELECT 1 FROM pg_policy p
                           WHERE p.polrelid = c.oid AND NOT p.polroles <@ ARRAY['roster_api'::regrole::oid,
                                                                         'roster_worker'::regrole::oid]) AS no_other
         FROM pg_class c WHERE c.oid = ANY($1::regclass[]) ORDER BY 1`,
      [tables],
    );
    expect(state).toEqual(
      tables.map((table) => ({ table, enabled: true, forced: true, api: true, worker: true, no_other: true })),
    );
  });
});

describe('account tables', () => {
  it('show roster_api only the rows of the account its transaction set, and nothing without one', async () => {
    for (const tenant of [a, other]) {
      await db.owner.query(
        `INSERT INTO tenant_usage_latest (tenant_id, environment_id, account_id, name, kind, internal, external,
                                          named, anonymous, inactive, data_as_of, confirmed_at)
         SELECT t.id, t.environment_id, t.account_id, t.name, 'production', 1, 0, 1, 0, 0, now(), now()
           FROM tenants t WHERE t.id = $1`,
        [tenant.tenantId],
      );
    }
    const visible = (scope: { accountId: string }) =>
      inScope(db.api, scope, (m) => m.query('SELECT tenant_id FROM tenant_usage_latest'));
    expect(await visible({ accountId: a.accountId })).toEqual([{ tenant_id: a.tenantId }]);
    expect(await visible({ accountId: other.accountId })).toEqual([{ tenant_id: other.tenantId }]);
    expect(await db.api.query('SELECT tenant_id FROM tenant_usage_latest')).toEqual([]);
    const policies = await db.owner.query(
      `SELECT c.relname AS table, c.relforcerowsecurity AS forced,
              bool_or(p.polroles = ARRAY['roster_api'::regrole::oid]
                      AND pg_get_expr(p.polqual, p.polrelid) ~ 'roster\\.account_id') AS api
         FROM pg_class c JOIN pg_policy p ON p.polrelid = c.oid
        WHERE c.relname = ANY($1) GROUP BY 1, 2 ORDER BY 1`,
      [ACCOUNT_TABLES],
    );
    expect(policies).toEqual(ACCOUNT_TABLES.map((table) => ({ table, forced: true, api: true })));
  });
});
