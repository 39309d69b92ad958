import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LICENSE_DOMAIN_SQL, LICENSE_IDENTITY_SQL } from '../usage-columns.js';

/**
 * Licensed-user counting (DESIGN.md §3, §6): the counting columns of end_users, the index the
 * per-environment aggregate reads, and the usage snapshots. UNIQUE (…, run_id) makes a retried job
 * rewrite its own snapshot instead of adding one.
 */
export class Usage1764100000000 implements MigrationInterface {
  name = 'Usage1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE end_users
        ADD COLUMN license_domain text GENERATED ALWAYS AS (${LICENSE_DOMAIN_SQL}) STORED,
        ADD COLUMN license_identity text GENERATED ALWAYS AS (${LICENSE_IDENTITY_SQL}) STORED;
      CREATE INDEX end_users_license_idx
        ON end_users (tenant_id, is_active, kind, license_domain) INCLUDE (license_identity);

      -- TypeORM reads a generated column's expression from its metadata table, not from the catalog.
      CREATE TABLE IF NOT EXISTS typeorm_metadata (
        "type" varchar NOT NULL,
        "database" varchar,
        "schema" varchar,
        "table" varchar,
        "name" varchar,
        "value" text
      );
    `);
    for (const [name, value] of [
      ['license_domain', LICENSE_DOMAIN_SQL],
      ['license_identity', LICENSE_IDENTITY_SQL],
    ]) {
      await db.query(
        `INSERT INTO typeorm_metadata ("type", "database", "schema", "table", "name", "value")
         VALUES ('GENERATED_COLUMN', current_database(), 'public', 'end_users', $1, $2)`,
        [name, value],
      );
    }
    await db.query(`
      CREATE TABLE environment_usage (
        id uuid PRIMARY KEY,
        environment_id uuid NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        run_id text NOT NULL CHECK (length(run_id) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('production', 'non-production')),
        internal integer NOT NULL CHECK (internal >= 0),
        external integer NOT NULL CHECK (external >= 0),
        named integer NOT NULL CHECK (named >= 0),
        anonymous integer NOT NULL CHECK (anonymous >= 0),
        inactive integer NOT NULL CHECK (inactive >= 0),
        computed_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (environment_id, run_id)
      );
      CREATE INDEX environment_usage_latest_idx ON environment_usage (environment_id, computed_at DESC);
      CREATE INDEX environment_usage_account_idx ON environment_usage (account_id);

      CREATE TABLE account_usage (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        run_id text NOT NULL CHECK (length(run_id) BETWEEN 1 AND 200),
        model text NOT NULL CHECK (model IN ('internal-external', 'named')),
        aggregation text NOT NULL CHECK (aggregation IN ('sum', 'unique')),
        internal integer NOT NULL CHECK (internal >= 0),
        external integer NOT NULL CHECK (external >= 0),
        named integer NOT NULL CHECK (named >= 0),
        limits jsonb NOT NULL,
        status jsonb NOT NULL,
        environments jsonb NOT NULL,
        computed_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (account_id, run_id)
      );
      CREATE INDEX account_usage_latest_idx ON account_usage (account_id, computed_at DESC);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE account_usage, environment_usage;
      DROP INDEX end_users_license_idx;
      ALTER TABLE end_users DROP COLUMN license_identity, DROP COLUMN license_domain;
      DELETE FROM typeorm_metadata
        WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'end_users' AND "name" IN ('license_domain', 'license_identity');
    `);
  }
}
