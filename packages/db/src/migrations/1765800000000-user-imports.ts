import type { MigrationInterface, QueryRunner } from 'typeorm';

const CURRENT_TENANT = `(SELECT NULLIF(current_setting('roster.tenant_id', true), '')::uuid)`;

/**
 * User imports (issue 18, API.md §10): a CSV or JSON Lines file of users, checked as a dry run, then applied in
 * batches by the worker.
 *
 * - user_imports: one upload and its life (state, counts, the dry run's prediction, progress, who started it: the
 *   audit trail names that actor for every user the import writes). `applied_through_line`: every row up to this
 *   line of the file is applied, the watermark a batch advances in its own transaction, so an apply resumes after
 *   a crash without writing a row twice. `file_errors`: what refused the whole file.
 * - user_import_chunks: the raw upload in pieces of about a megabyte, stored by the API as it streams in (a
 *   100 MB file is never held in memory), read by the worker once; deleted when the import's rows are staged or
 *   it ends, and after IMPORT_RETENTION_DAYS at the latest. No compression: a megabyte of text costs more to
 *   compress than to store for the minutes it lives.
 * - user_import_rows: the staging table, one row per line of the file, loaded with COPY: the values as read, what
 *   is wrong with the row on its own (`row_errors`) and against the file and the tenant (`check_errors`, set-based
 *   SQL), the user it matched and the predicted action. `new_user_id`: the id (UUIDv7, made by the application)
 *   the user gets if the row creates one. Kept (for the report and the error download) until the retention ends.
 *   Half-full pages (fillfactor 50): the checks rewrite every row once, which then stays on its page (HOT).
 *
 * Tenant tables like the others (DESIGN.md §5, §7): tenant_id leads every key, foreign keys to tenant tables
 * include it, deleting a tenant cascades; row-level security held to the bound tenant for roster_api, every tenant
 * for roster_worker (which runs imports and purges them across tenants).
 */
export class UserImports1765800000000 implements MigrationInterface {
  name = 'UserImports1765800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE user_imports (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id uuid NOT NULL,
        account_id uuid NOT NULL,
        environment_id uuid NOT NULL,
        state text NOT NULL DEFAULT 'queued'
          CHECK (state IN ('queued', 'validating', 'validated', 'applying', 'completed', 'failed', 'cancelled')),
        dry_run boolean NOT NULL,
        format text NOT NULL CHECK (format IN ('csv', 'jsonl')),
        actor_type text NOT NULL CHECK (actor_type IN ('operator', 'api-key', 'scim-token', 'system')),
        actor_id uuid,
        size_bytes bigint NOT NULL DEFAULT 0,
        chunk_count integer NOT NULL DEFAULT 0,
        total integer NOT NULL DEFAULT 0,
        processed integer NOT NULL DEFAULT 0,
        created integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        unchanged integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        license_internal integer NOT NULL DEFAULT 0,
        license_external integer NOT NULL DEFAULT 0,
        batches_total integer NOT NULL DEFAULT 0,
        batches_applied integer NOT NULL DEFAULT 0,
        applied_through_line integer NOT NULL DEFAULT 0,
        file_errors jsonb NOT NULL DEFAULT '[]',
        failure text,
        checked_at timestamptz(3),
        apply_requested_at timestamptz(3),
        purged_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        finished_at timestamptz(3),
        PRIMARY KEY (tenant_id, id)
      );
      -- The retention sweep, across tenants: what has not been purged yet, oldest first.
      CREATE INDEX user_imports_purge_idx ON user_imports (created_at) WHERE purged_at IS NULL;

      CREATE TABLE user_import_chunks (
        tenant_id uuid NOT NULL,
        import_id uuid NOT NULL,
        seq integer NOT NULL CHECK (seq >= 0),
        data bytea NOT NULL,
        PRIMARY KEY (tenant_id, import_id, seq),
        FOREIGN KEY (tenant_id, import_id) REFERENCES user_imports (tenant_id, id) ON DELETE CASCADE
      );
      ALTER TABLE user_import_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

      CREATE TABLE user_import_rows (
        tenant_id uuid NOT NULL,
        import_id uuid NOT NULL,
        line integer NOT NULL CHECK (line >= 1),
        username text,
        username_key text,
        username_sort text,
        name text,
        email text,
        email_key text,
        mobile_phone text,
        external_id text,
        is_active boolean,
        password_hash text,
        groups text[] NOT NULL DEFAULT '{}',
        roles text[] NOT NULL DEFAULT '{}',
        given text[] NOT NULL DEFAULT '{}',
        new_user_id uuid NOT NULL,
        row_errors jsonb,
        check_errors jsonb,
        user_id uuid,
        action text CHECK (action IN ('created', 'updated', 'unchanged', 'failed')),
        PRIMARY KEY (tenant_id, import_id, line),
        FOREIGN KEY (tenant_id, import_id) REFERENCES user_imports (tenant_id, id) ON DELETE CASCADE
      ) WITH (fillfactor = 50);
    `);
    for (const table of TABLES) {
      await db.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant_rows ON ${table} TO roster_api
          USING (tenant_id = ${CURRENT_TENANT}) WITH CHECK (tenant_id = ${CURRENT_TENANT});
        CREATE POLICY all_tenants ON ${table} TO roster_worker USING (true) WITH CHECK (true);
      `);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE user_import_rows, user_import_chunks, user_imports');
  }
}

const TABLES = ['user_imports', 'user_import_chunks', 'user_import_rows'];
