import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, operators and API keys, environments, applications and roles, tenants, audit trail. */
export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        subscription_model text NOT NULL CHECK (subscription_model IN ('internal-external', 'named')),
        internal_limit integer CHECK (internal_limit >= 0),
        external_limit integer CHECK (external_limit >= 0),
        named_limit integer CHECK (named_limit >= 0),
        aggregation text NOT NULL CHECK (aggregation IN ('sum', 'unique')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX accounts_name_key ON accounts (lower(name));

      CREATE TABLE operators (
        id uuid PRIMARY KEY,
        account_id uuid REFERENCES accounts (id) ON DELETE CASCADE,
        username text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('platform-admin', 'owner', 'admin', 'tenant-admin', 'billing')),
        tenant_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'platform-admin') = (account_id IS NULL))
      );
      CREATE UNIQUE INDEX operators_username_key ON operators (lower(username));
      CREATE INDEX operators_account_idx ON operators (account_id, id);

      CREATE TABLE operator_sessions (
        id uuid PRIMARY KEY,
        operator_id uuid NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX operator_sessions_operator_idx ON operator_sessions (operator_id);
      CREATE INDEX operator_sessions_expiry_idx ON operator_sessions (expires_at);

      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('owner', 'admin', 'tenant-admin', 'billing')),
        tenant_ids uuid[] NOT NULL DEFAULT '{}',
        key_hash bytea NOT NULL UNIQUE,
        key_prefix text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      );
      CREATE INDEX api_keys_account_idx ON api_keys (account_id, id);

      CREATE TABLE environments (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('production', 'non-production')),
        classify_all_internal boolean NOT NULL DEFAULT false,
        internal_domains text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX environments_account_name_key ON environments (account_id, lower(name));

      CREATE TABLE applications (
        id uuid PRIMARY KEY,
        environment_id uuid NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
        key text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (environment_id, key)
      );

      CREATE TABLE roles (
        id uuid PRIMARY KEY,
        environment_id uuid NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
        application_id uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
        key text NOT NULL,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (environment_id, key)
      );
      CREATE INDEX roles_application_idx ON roles (application_id);

      CREATE TABLE tenants (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        environment_id uuid NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
        name text NOT NULL,
        internal_domains text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX tenants_environment_name_key ON tenants (environment_id, lower(name));

      CREATE TABLE audit_events (
        id uuid PRIMARY KEY,
        account_id uuid,
        tenant_id uuid,
        actor_type text NOT NULL,
        actor_id uuid,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id uuid NOT NULL,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX audit_events_account_idx ON audit_events (account_id, id DESC);
      CREATE INDEX audit_events_tenant_idx ON audit_events (tenant_id, id DESC) WHERE tenant_id IS NOT NULL;
      CREATE INDEX audit_events_target_idx ON audit_events (target_id, id DESC);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE audit_events, tenants, roles, applications, environments, api_keys,
        operator_sessions, operators, accounts;
    `);
  }
}
