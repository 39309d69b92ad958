import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each tenant signs its end users' tokens with its own keys, whose private halves are stored envelope-encrypted
 * (issue 14). Additive, so pods of the previous release keep signing with the shared keys of signing_keys during
 * a rolling update; the API retires those at start and whenever it looks up a tenant's key (their private
 * halves erased, hence private_jwk may now be NULL), publishing them until the tokens they signed have expired.
 */
export class TenantSigningKeys1764500000000 implements MigrationInterface {
  name = 'TenantSigningKeys1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tenant_signing_keys (
        id text PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        algorithm text NOT NULL CHECK (algorithm IN ('EdDSA')),
        public_jwk jsonb NOT NULL,
        -- The private JWK under its own data key, which is wrapped by the ENCRYPTION_KEYS key wrapping_key_id;
        -- all three NULL once the key stopped signing.
        private_key bytea,
        data_key bytea,
        wrapping_key_id text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        signs_until timestamptz(3) NOT NULL,
        published_until timestamptz(3) NOT NULL,
        CHECK (published_until >= signs_until),
        CHECK ((private_key IS NULL) = (data_key IS NULL) AND (data_key IS NULL) = (wrapping_key_id IS NULL))
      );
      CREATE INDEX tenant_signing_keys_tenant_idx ON tenant_signing_keys (tenant_id, published_until);
      -- The keys that still hold a private half (about one per tenant): what a start-up re-wraps or erases.
      CREATE INDEX tenant_signing_keys_private_idx ON tenant_signing_keys (signs_until) WHERE private_key IS NOT NULL;

      ALTER TABLE signing_keys ALTER COLUMN private_jwk DROP NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    // The previous release needs a private key in every signing_keys row: retired ones go (it makes a new one).
    await db.query(`
      DROP TABLE tenant_signing_keys;
      DELETE FROM signing_keys WHERE private_jwk IS NULL;
      ALTER TABLE signing_keys ALTER COLUMN private_jwk SET NOT NULL;
    `);
  }
}
