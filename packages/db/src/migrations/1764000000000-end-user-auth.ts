import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Signing keys for end-user access tokens, and the log of end-user login attempts (API.md §6). */
export class EndUserAuth1764000000000 implements MigrationInterface {
  name = 'EndUserAuth1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- One key signs at a time; older keys stay published until every token they signed has expired.
      CREATE TABLE signing_keys (
        id text PRIMARY KEY,
        algorithm text NOT NULL CHECK (algorithm IN ('EdDSA')),
        public_jwk jsonb NOT NULL,
        private_jwk jsonb NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        signs_until timestamptz(3) NOT NULL,
        published_until timestamptz(3) NOT NULL,
        CHECK (published_until >= signs_until)
      );
      CREATE INDEX signing_keys_published_idx ON signing_keys (published_until);

      CREATE TABLE login_attempts (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        user_id uuid,
        username text NOT NULL CHECK (length(username) <= 250),
        result text NOT NULL CHECK (result IN
          ('logged-in', 'invalid-user', 'invalid-password', 'inactive-user', 'blocked-user', 'blocked-ip')),
        ip text NOT NULL CHECK (length(ip) <= 45),
        at timestamptz(3) NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, user_id) REFERENCES end_users (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX login_attempts_user_idx ON login_attempts (tenant_id, user_id, id DESC) WHERE user_id IS NOT NULL;
      CREATE INDEX login_attempts_at_idx ON login_attempts (at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE login_attempts, signing_keys;');
  }
}
