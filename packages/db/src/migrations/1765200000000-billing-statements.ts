import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACCOUNT_ROWS = `account_id = (SELECT NULLIF(current_setting('roster.account_id', true), '')::uuid)`;

/**
 * Billing statements (issue 16, API.md §8). accounts.billing_day anchors each account's monthly period (UTC);
 * usage_statements keeps one immutable statement per account and period: per dimension the peak, p95, average
 * and end value for the account, each production environment and each client tenant, with the limits and status
 * in force. Written once (the primary key refuses a second), never updated. Held to one account for roster_api.
 */
export class BillingStatements1765200000000 implements MigrationInterface {
  name = 'BillingStatements1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE accounts ADD COLUMN billing_day smallint NOT NULL DEFAULT 1 CHECK (billing_day BETWEEN 1 AND 28);

      CREATE TABLE usage_statements (
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        period_from timestamptz NOT NULL,
        period_to timestamptz NOT NULL,
        id uuid NOT NULL UNIQUE,
        closed_at timestamptz NOT NULL DEFAULT now(),
        statement jsonb NOT NULL,
        PRIMARY KEY (account_id, period_from)
      );
      ALTER TABLE usage_statements ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
      CREATE POLICY account_rows ON usage_statements TO roster_api USING (${ACCOUNT_ROWS}) WITH CHECK (${ACCOUNT_ROWS});
      CREATE POLICY all_accounts ON usage_statements TO roster_worker USING (true) WITH CHECK (true);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE usage_statements;
      ALTER TABLE accounts DROP COLUMN billing_day;
    `);
  }
}
