import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACCOUNT_ROWS = `account_id = (SELECT NULLIF(current_setting('roster.account_id', true), '')::uuid)`;

/**
 * Usage per client tenant (issue 16, DESIGN.md §3). Every environment recount counts each tenant in the same
 * pass; what it stores is a step function per tenant:
 *
 * - tenant_usage: the tenant's counts from the moment they were read, a row only when they differ from the ones
 *   in force (a tenant whose users did not change costs no row per recount). History and statements read the
 *   series as steps: a value holds until the next row. A tenant that disappears (deleted, or its environment
 *   deleted) gets a last row of zeros. No foreign key to tenants or environments: a tenant deleted mid-period
 *   still belongs on that period's statement.
 * - tenant_usage_latest: the row in force per tenant (the head of each series), which recounts compare with and
 *   the per-tenant list reads and sorts on; `confirmed_at` is the newest recount that found those counts.
 *
 * Both are held to one account for roster_api, like usage_statements.
 */
export class TenantUsage1765300000000 implements MigrationInterface {
  name = 'TenantUsage1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tenant_usage (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL,
        environment_id uuid NOT NULL,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        run_id text NOT NULL CHECK (length(run_id) BETWEEN 1 AND 200),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('production', 'non-production')),
        internal integer NOT NULL CHECK (internal >= 0),
        external integer NOT NULL CHECK (external >= 0),
        named integer NOT NULL CHECK (named >= 0),
        anonymous integer NOT NULL CHECK (anonymous >= 0),
        inactive integer NOT NULL CHECK (inactive >= 0),
        data_as_of timestamptz(3) NOT NULL,
        computed_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, run_id)
      );
      CREATE INDEX tenant_usage_series_idx ON tenant_usage (tenant_id, data_as_of DESC, computed_at DESC);
      CREATE INDEX tenant_usage_account_idx ON tenant_usage (account_id, data_as_of);

      CREATE TABLE tenant_usage_latest (
        tenant_id uuid PRIMARY KEY,
        environment_id uuid NOT NULL,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('production', 'non-production')),
        internal integer NOT NULL CHECK (internal >= 0),
        external integer NOT NULL CHECK (external >= 0),
        named integer NOT NULL CHECK (named >= 0),
        anonymous integer NOT NULL CHECK (anonymous >= 0),
        inactive integer NOT NULL CHECK (inactive >= 0),
        data_as_of timestamptz(3) NOT NULL,
        confirmed_at timestamptz(3) NOT NULL
      );
      CREATE INDEX tenant_usage_latest_account_idx ON tenant_usage_latest (account_id);
    `);
    for (const table of ['tenant_usage', 'tenant_usage_latest']) {
      await db.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
        CREATE POLICY account_rows ON ${table} TO roster_api USING (${ACCOUNT_ROWS}) WITH CHECK (${ACCOUNT_ROWS});
        CREATE POLICY all_accounts ON ${table} TO roster_worker USING (true) WITH CHECK (true);
      `);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE tenant_usage_latest, tenant_usage');
  }
}
