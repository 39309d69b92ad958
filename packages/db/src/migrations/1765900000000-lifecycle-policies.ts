import type { MigrationInterface, QueryRunner } from 'typeorm';

const setting = (name: string) => `(SELECT NULLIF(current_setting('${name}', true), '')::uuid)`;
const CURRENT_TENANT = setting('roster.tenant_id');
const CURRENT_ACCOUNT = setting('roster.account_id');
/** Held to the account, and to the tenant when one is bound (as audit_events). */
const ACCOUNT_ROWS = `account_id = ${CURRENT_ACCOUNT}`;
const RUN_ROWS = `${ACCOUNT_ROWS} AND (${CURRENT_TENANT} IS NULL OR tenant_id = ${CURRENT_TENANT})`;
const TENANT_ROWS = `tenant_id = ${CURRENT_TENANT}`;

/**
 * Dormant-user policies (issue 18; rules in packages/domain lifecycle-policies.ts):
 *
 * - lifecycle_policies: an environment's policy (one per environment; account-level, held to the account for
 *   roster_api like the usage tables). No group exceptions: groups belong to tenants.
 * - tenant_lifecycle_policies: a tenant's override (one per tenant; a tenant table: tenant_id leads every key,
 *   row-level security per tenant). `except_group_ids` holds the tenant's group ids as given; a group deleted
 *   since simply matches nobody (ids are never reused) and reads are filtered to the groups that exist.
 * - lifecycle_deactivations: who a policy deactivated, when, by which policy and run (a tenant table). A policy
 *   deletes only users found here whose `updated_at` is still the deactivation's: a user deactivated by hand, or
 *   touched since, is never deleted by a policy. Goes with its user (ON DELETE CASCADE).
 * - lifecycle_policy_runs: each run of a tenant's policy (started, finished, counts, failure), with the rules it
 *   applied. Held to the account, and to the tenant when one is bound, as audit_events is: the environment's page
 *   lists the runs of all its tenants. No foreign key to the policy: a run outlives a removed override. By policy
 *   too: the audit trail names a policy that acted from its runs.
 *
 * Dormancy is read through end_users_last_login_sort_idx ((tenant_id, coalesce(last_login_at, '-infinity'), id)),
 * whose range holds every dormant user (never logged in sorts first): no index is added to end_users, whose writes
 * (logins, activations) already maintain ten.
 */
export class LifecyclePolicies1765900000000 implements MigrationInterface {
  name = 'LifecyclePolicies1765900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE lifecycle_policies (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        environment_id uuid NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
        deactivate_after_days integer NOT NULL CHECK (deactivate_after_days BETWEEN 1 AND 3650),
        delete_after_days integer CHECK (delete_after_days BETWEEN 1 AND 3650),
        except_role_keys text[] NOT NULL DEFAULT '{}' CHECK (cardinality(except_role_keys) <= 100),
        enabled boolean NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (environment_id)
      );
      CREATE INDEX lifecycle_policies_account_idx ON lifecycle_policies (account_id);

      CREATE TABLE tenant_lifecycle_policies (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        deactivate_after_days integer NOT NULL CHECK (deactivate_after_days BETWEEN 1 AND 3650),
        delete_after_days integer CHECK (delete_after_days BETWEEN 1 AND 3650),
        except_group_ids uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(except_group_ids) <= 100),
        except_role_keys text[] NOT NULL DEFAULT '{}' CHECK (cardinality(except_role_keys) <= 100),
        enabled boolean NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id),
        UNIQUE (tenant_id, id)
      );

      CREATE TABLE lifecycle_deactivations (
        tenant_id uuid NOT NULL,
        user_id uuid NOT NULL,
        policy_id uuid NOT NULL,
        run_id uuid NOT NULL,
        deactivated_at timestamptz(3) NOT NULL,
        PRIMARY KEY (tenant_id, user_id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES end_users (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX lifecycle_deactivations_due_idx ON lifecycle_deactivations (tenant_id, deactivated_at, user_id);

      CREATE TABLE lifecycle_policy_runs (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        environment_id uuid NOT NULL,
        policy_id uuid NOT NULL,
        policy_source text NOT NULL CHECK (policy_source IN ('environment', 'tenant')),
        policy jsonb NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('schedule', 'request')),
        as_of timestamptz(3) NOT NULL,
        started_at timestamptz(3) NOT NULL DEFAULT now(),
        finished_at timestamptz(3),
        deactivated integer NOT NULL DEFAULT 0 CHECK (deactivated >= 0),
        deleted integer NOT NULL DEFAULT 0 CHECK (deleted >= 0),
        failure text CHECK (length(failure) <= 2000),
        PRIMARY KEY (tenant_id, id)
      );
      CREATE INDEX lifecycle_policy_runs_environment_idx ON lifecycle_policy_runs (environment_id, id);
      CREATE INDEX lifecycle_policy_runs_policy_idx ON lifecycle_policy_runs (policy_id, id);
    `);
    await db.query(`
      ALTER TABLE lifecycle_policies ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY account_rows ON lifecycle_policies TO roster_api
        USING (${ACCOUNT_ROWS}) WITH CHECK (${ACCOUNT_ROWS});
      CREATE POLICY all_accounts ON lifecycle_policies TO roster_worker USING (true) WITH CHECK (true);

      ALTER TABLE lifecycle_policy_runs ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY account_rows ON lifecycle_policy_runs TO roster_api USING (${RUN_ROWS}) WITH CHECK (${RUN_ROWS});
      CREATE POLICY all_accounts ON lifecycle_policy_runs TO roster_worker USING (true) WITH CHECK (true);
    `);
    for (const table of ['tenant_lifecycle_policies', 'lifecycle_deactivations']) {
      await db.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant_rows ON ${table} TO roster_api USING (${TENANT_ROWS}) WITH CHECK (${TENANT_ROWS});
        CREATE POLICY all_tenants ON ${table} TO roster_worker USING (true) WITH CHECK (true);
      `);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      'DROP TABLE lifecycle_policy_runs, lifecycle_deactivations, tenant_lifecycle_policies, lifecycle_policies',
    );
  }
}
