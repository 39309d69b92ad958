import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What SCIM provisioning (issue 17) stores beyond Roster's own columns:
 * - `end_users.scim`: the SCIM-only attributes of a user that Roster has no column for (name parts, title,
 *   addresses, the enterprise extension, further e-mail addresses …), kept as the identity provider sent them so
 *   a GET answers what was provisioned. Nothing filters on it.
 * - `user_groups.external_id`: a group's id in the client's identity provider (SCIM `externalId`), which Entra
 *   ID and Okta filter Groups on; indexed per tenant for that lookup.
 * - `end_users (tenant_id, external_id)`: SCIM clients look users up by externalId too.
 * - `api_keys.purpose`: a SCIM token is an API key limited to one tenant (tenant_ids) and to SCIM ('scim'); it
 *   works on no other route, and no other key works on SCIM's.
 */
export class ScimColumns1765600000000 implements MigrationInterface {
  name = 'ScimColumns1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE end_users ADD COLUMN scim jsonb CHECK (jsonb_typeof(scim) = 'object');
      ALTER TABLE user_groups ADD COLUMN external_id text CHECK (length(external_id) BETWEEN 1 AND 250);
      CREATE INDEX user_groups_external_id_idx ON user_groups (tenant_id, external_id) WHERE external_id IS NOT NULL;
      CREATE INDEX end_users_external_id_idx ON end_users (tenant_id, external_id) WHERE external_id IS NOT NULL;
      ALTER TABLE api_keys ADD COLUMN purpose text NOT NULL DEFAULT 'api'
        CHECK (purpose IN ('api', 'scim') AND (purpose = 'api' OR cardinality(tenant_ids) = 1));
      CREATE INDEX api_keys_scim_tenant_idx ON api_keys ((tenant_ids[1]), id) WHERE purpose = 'scim';
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM api_keys WHERE purpose = 'scim';
      DROP INDEX api_keys_scim_tenant_idx;
      ALTER TABLE api_keys DROP COLUMN purpose;
      DROP INDEX end_users_external_id_idx;
      DROP INDEX user_groups_external_id_idx;
      ALTER TABLE user_groups DROP COLUMN external_id;
      ALTER TABLE end_users DROP COLUMN scim;
    `);
  }
}
