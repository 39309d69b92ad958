import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * End users, groups, memberships and role grants (DESIGN.md §2). Every table carries tenant_id and
 * every index serving tenant queries leads with it (§5). Sort keys never hold NULL, so keyset
 * row comparisons work on them; timestamps keep milliseconds, so a cursor carries them exactly.
 */
export class EndUsers1763900000000 implements MigrationInterface {
  name = 'EndUsers1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE EXTENSION IF NOT EXISTS btree_gin;

      ALTER TABLE tenants ADD CONSTRAINT tenants_environment_id_key UNIQUE (environment_id, id);
      ALTER TABLE roles ADD CONSTRAINT roles_environment_id_key UNIQUE (environment_id, id);

      CREATE TABLE end_users (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('registered', 'anonymous')),
        username text CHECK (length(username) BETWEEN 1 AND 250),
        name text CHECK (length(name) <= 200),
        email text CHECK (length(email) <= 320),
        mobile_phone text CHECK (length(mobile_phone) <= 20),
        external_id text CHECK (length(external_id) <= 250),
        password_hash text,
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        last_login_at timestamptz(3),
        UNIQUE (tenant_id, id),
        CHECK ((kind = 'registered') = (username IS NOT NULL)),
        CHECK (kind = 'registered' OR (name IS NULL AND email IS NULL AND mobile_phone IS NULL AND password_hash IS NULL))
      );
      CREATE UNIQUE INDEX end_users_username_key ON end_users (tenant_id, lower(username)) WHERE username IS NOT NULL;
      CREATE INDEX end_users_username_sort_idx ON end_users (tenant_id, (lower(coalesce(username, ''))), id);
      CREATE INDEX end_users_created_sort_idx ON end_users (tenant_id, created_at, id);
      CREATE INDEX end_users_last_login_sort_idx
        ON end_users (tenant_id, (coalesce(last_login_at, '-infinity'::timestamptz)), id);
      CREATE INDEX end_users_search_idx ON end_users USING gin (
        tenant_id,
        (lower(coalesce(username, '') || E'\\n' || coalesce(name, '') || E'\\n' || coalesce(email, ''))) gin_trgm_ops
      );

      CREATE TABLE user_groups (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id)
      );
      CREATE UNIQUE INDEX user_groups_name_key ON user_groups (tenant_id, lower(name));
      CREATE INDEX user_groups_search_idx ON user_groups USING gin (tenant_id, (lower(name)) gin_trgm_ops);

      -- Composite foreign keys keep a membership or grant inside one tenant even if a service slipped.
      CREATE TABLE group_members (
        tenant_id uuid NOT NULL,
        group_id uuid NOT NULL,
        user_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, group_id, user_id),
        FOREIGN KEY (tenant_id, group_id) REFERENCES user_groups (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, user_id) REFERENCES end_users (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX group_members_user_idx ON group_members (tenant_id, user_id, group_id);

      -- Roles live in the tenant's environment; environment_id ties the grant to it.
      CREATE TABLE user_roles (
        tenant_id uuid NOT NULL,
        environment_id uuid NOT NULL,
        user_id uuid NOT NULL,
        role_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id, role_id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES end_users (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (environment_id, tenant_id) REFERENCES tenants (environment_id, id) ON DELETE CASCADE,
        FOREIGN KEY (environment_id, role_id) REFERENCES roles (environment_id, id) ON DELETE CASCADE
      );
      CREATE INDEX user_roles_role_idx ON user_roles (tenant_id, role_id, user_id);

      CREATE TABLE group_roles (
        tenant_id uuid NOT NULL,
        environment_id uuid NOT NULL,
        group_id uuid NOT NULL,
        role_id uuid NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, group_id, role_id),
        FOREIGN KEY (tenant_id, group_id) REFERENCES user_groups (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (environment_id, tenant_id) REFERENCES tenants (environment_id, id) ON DELETE CASCADE,
        FOREIGN KEY (environment_id, role_id) REFERENCES roles (environment_id, id) ON DELETE CASCADE
      );
      CREATE INDEX group_roles_role_idx ON group_roles (tenant_id, role_id, group_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE group_roles, user_roles, group_members, user_groups, end_users;
      ALTER TABLE roles DROP CONSTRAINT roles_environment_id_key;
      ALTER TABLE tenants DROP CONSTRAINT tenants_environment_id_key;
    `);
  }
}
