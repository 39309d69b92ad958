import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Expiring role grants (issue 18): a direct or group grant may carry `expires_at`; from that instant on it counts
 * for nothing (the API compares it with its clock, the role-holder lists with the database's), and the worker's
 * `maintenance.remove-expired-grants` removes it, audited.
 * - `expires_at` (NULL: never), milliseconds like every other time of a grant.
 * - `*_expiry_idx`: partial, over the few grants that expire, ordered by expiry: the sweep reads the expired ones
 *   of every tenant (it runs as roster_worker) from its start, however many grants there are.
 * - `*_role_idx` (the holders of a role in a tenant) now carry `expires_at`, so a holders list still answers
 *   from the index alone while it leaves expired grants out.
 * Row-level security needs nothing new: the policies are per row, and the table grants cover new columns.
 *
 * Down: the previous release cannot end a grant, so every grant that carries an expiry goes (a temporary grant
 * must not become a permanent one); the trail keeps when each was granted.
 */
export class GrantExpiry1765700000000 implements MigrationInterface {
  name = 'GrantExpiry1765700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE user_roles ADD COLUMN expires_at timestamptz(3);
      ALTER TABLE group_roles ADD COLUMN expires_at timestamptz(3);
      CREATE INDEX user_roles_expiry_idx ON user_roles (expires_at) WHERE expires_at IS NOT NULL;
      CREATE INDEX group_roles_expiry_idx ON group_roles (expires_at) WHERE expires_at IS NOT NULL;
      DROP INDEX user_roles_role_idx;
      CREATE INDEX user_roles_role_idx ON user_roles (tenant_id, role_id, user_id) INCLUDE (expires_at);
      DROP INDEX group_roles_role_idx;
      CREATE INDEX group_roles_role_idx ON group_roles (tenant_id, role_id, group_id) INCLUDE (expires_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DELETE FROM user_roles WHERE expires_at IS NOT NULL;
      DELETE FROM group_roles WHERE expires_at IS NOT NULL;
      DROP INDEX group_roles_role_idx;
      CREATE INDEX group_roles_role_idx ON group_roles (tenant_id, role_id, group_id);
      DROP INDEX user_roles_role_idx;
      CREATE INDEX user_roles_role_idx ON user_roles (tenant_id, role_id, user_id);
      DROP INDEX group_roles_expiry_idx;
      DROP INDEX user_roles_expiry_idx;
      ALTER TABLE group_roles DROP COLUMN expires_at;
      ALTER TABLE user_roles DROP COLUMN expires_at;
    `);
  }
}
