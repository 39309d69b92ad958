import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Row-level security, the second wall behind the tenant-scoped repositories (DESIGN.md §5, issue 15).
 *
 * Two group roles (NOLOGIN), which a pool enters with the startup option `-c role=…` (dataSourceOptions'
 * `role`): `roster_api`, held to one tenant (or one account) per transaction, and `roster_worker`, whose
 * counting and relaying read every tenant of an environment by design. Neither owns a table, is a superuser
 * or has BYPASSRLS. The unit of work sets, transaction-locally,
 * `set_config('roster.account_id', …, true)` and `set_config('roster.tenant_id', …, true)` ('' or unset for
 * account-level work). A setting reset at the end of a transaction reads '' on that connection afterwards (and
 * NULL on one that never set it): NULLIF maps both to NULL, which matches no row. The sub-select makes the
 * setting an init-plan, read once per statement rather than per row, and lets the tenant-leading indexes use it.
 *
 * Known cost (row-level-security-plans.test.ts): a query's own conditions may serve as index conditions on such a
 * table only if leakproof; LIKE, lower() and COALESCE are not, so under roster_api searches and keyset pages on
 * lower(name) or coalesce(last_login_at, …) filter the tenant's index range instead of seeking.
 *
 * Tenant tables (tenant_id NOT NULL), ENABLE + FORCE, `tenant_rows` for roster_api (USING and WITH CHECK) and
 * `all_tenants` for roster_worker: end_users, user_groups, group_members, user_roles, group_roles,
 * login_attempts, tenant_signing_keys.
 *
 * audit_events (account_id and tenant_id both nullable): keyed on the account, and on the tenant when one is
 * set. Account-level work (tenant unset) reads and writes the whole account's trail, its tenants' events
 * included (the trail is read per account, a tenant only a filter; tenant.created is written at account
 * level); tenant-scoped work sees only its tenant's. Rows without an account (none are written today)
 * are hidden from roster_api altogether: nothing reads them, and no setting should widen what it sees.
 *
 * outbox_events (tenant_id nullable) has no policy: roster_api may insert changes and mark them delivered,
 * but not read them (column privileges); roster_worker's relay reads every tenant's.
 *
 * No row-level security, because the API reads them before it knows the tenant or account (login, token
 * resolution, the scope resolver) or because they hold no tenant's data: accounts, operators,
 * operator_sessions, api_keys, environments, applications, roles, tenants, signing_keys (shared keys of
 * before, published to every tenant), environment_usage and account_usage (per environment/account, written by
 * the worker, read by account-level routes), roster_migrations and typeorm_metadata (read only for both roles).
 *
 * FORCE means the table owner is held by the policies too: a non-superuser owner sees tenant rows only through
 * its membership in roster_worker (granted below), so migrations that move data in tenant tables run as such an
 * owner or a superuser. Foreign-key checks and ON DELETE CASCADE
 * bypass row security by design (they run as the owner without FORCE), so deleting a tenant still cascades.
 *
 * Taking a role (`-c role=…`) needs membership in it, which a superuser has. A migrating login that is not a
 * superuser (the deployment's owner) is made a member of both: its API pool takes roster_api and is held to one
 * tenant, its worker pool takes roster_worker, and its own connection (migrations) passes roster_worker's policy
 * through the inherited membership. A stricter deployment gives the API a login of its own, a NOINHERIT member
 * of roster_api only, which cannot leave the role (row-level-security.test.ts shows it).
 *
 * Roles are cluster-wide and outlive a database: up creates them when missing (safe when several databases
 * migrate at once) and down leaves them, as other databases of the cluster may hold grants to them.
 */
export class RowLevelSecurity1764900000000 implements MigrationInterface {
  name = 'RowLevelSecurity1764900000000';

  async up(db: QueryRunner): Promise<void> {
    for (const role of DATABASE_ROLES) await db.query(ensureGroupRole(role));
    // A login that is not a superuser (a deployment's owner, `roster`) must be a member of both roles to take
    // them (`-c role=…`): the API's pool as roster_api, the worker's as roster_worker. Connected without a role
    // (migrations), it then passes roster_worker's policy, so data migrations still see every tenant's rows.
    await db.query(`
      DO $$ BEGIN
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
          EXECUTE format('GRANT roster_api, roster_worker TO %I', current_user);
        END IF;
      END $$;
    `);
    await db.query(`
      GRANT USAGE ON SCHEMA public TO roster_api, roster_worker;
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO roster_api, roster_worker;
      REVOKE INSERT, UPDATE, DELETE ON roster_migrations, typeorm_metadata FROM roster_api, roster_worker;
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO roster_api, roster_worker;
      -- The outbox is Roster's own stream of changes, never served: the API writes changes into it and marks
      -- them delivered, but cannot read what they hold (column privileges), so it needs no policy.
      REVOKE ALL ON outbox_events FROM roster_api;
      GRANT INSERT ON outbox_events TO roster_api;
      GRANT SELECT (id, delivered_at), UPDATE (delivered_at) ON outbox_events TO roster_api;
      -- Tables and sequences that later migrations create (as this same owner) are granted alike.
      ALTER DEFAULT PRIVILEGES IN SCHEMA public
        GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO roster_api, roster_worker;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO roster_api, roster_worker;
    `);
    for (const table of TENANT_TABLES) {
      await db.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant_rows ON ${table} TO roster_api
          USING (tenant_id = ${CURRENT_TENANT}) WITH CHECK (tenant_id = ${CURRENT_TENANT});
        CREATE POLICY all_tenants ON ${table} TO roster_worker USING (true) WITH CHECK (true);
      `);
    }
    await db.query(`
      ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY account_rows ON audit_events TO roster_api
        USING (${AUDIT_ROWS}) WITH CHECK (${AUDIT_ROWS});
      CREATE POLICY all_tenants ON audit_events TO roster_worker USING (true) WITH CHECK (true);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [...TENANT_TABLES, 'audit_events']) {
      await db.query(`
        DROP POLICY IF EXISTS tenant_rows ON ${table};
        DROP POLICY IF EXISTS account_rows ON ${table};
        DROP POLICY all_tenants ON ${table};
        ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY;
      `);
    }
    await db.query(`
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM roster_api, roster_worker;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM roster_api, roster_worker;
      REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM roster_api, roster_worker;
      REVOKE ALL ON ALL TABLES IN SCHEMA public FROM roster_api, roster_worker;
      REVOKE USAGE ON SCHEMA public FROM roster_api, roster_worker;
    `);
  }
}

/** The roles a pool may run as (dataSourceOptions' `role`). */
export const DATABASE_ROLES = ['roster_api', 'roster_worker'] as const;

const TENANT_TABLES = [
  'end_users',
  'user_groups',
  'group_members',
  'user_roles',
  'group_roles',
  'login_attempts',
  'tenant_signing_keys',
];

const setting = (name: string) => `(SELECT NULLIF(current_setting('${name}', true), '')::uuid)`;
const CURRENT_TENANT = setting('roster.tenant_id');
const CURRENT_ACCOUNT = setting('roster.account_id');
const AUDIT_ROWS = `account_id = ${CURRENT_ACCOUNT} AND (${CURRENT_TENANT} IS NULL OR tenant_id = ${CURRENT_TENANT})`;

/**
 * Creates a NOLOGIN group role unless it exists. Two databases migrating at once both see it missing; the
 * second CREATE waits for the first transaction and then fails with unique_violation (duplicate_object when
 * the first had committed before it looked), either of which means it exists. A role that exists with powers
 * that would void the policies is refused rather than silently altered.
 */
export function ensureGroupRole(role: string): string {
  return `DO $$
    BEGIN
      BEGIN
        CREATE ROLE ${role} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END;
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}' AND (rolsuper OR rolbypassrls)) THEN
        RAISE EXCEPTION 'role ${role} is a superuser or has BYPASSRLS, which voids row-level security'
          USING HINT = 'Run ALTER ROLE ${role} NOSUPERUSER NOBYPASSRLS, then migrate again.';
      END IF;
    END $$`;
}
