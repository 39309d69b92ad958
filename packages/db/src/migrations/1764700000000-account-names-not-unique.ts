import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account names are no longer unique across the deployment (issue 14): an owner's rename answered 409 onto
 * another customer's name, which told them it existed. Only the platform admin, who sees every account, is
 * refused a name another account has (checked by the API). The index stays, not unique, for the list's sort.
 * Additive for the previous release, whose renames simply stop colliding.
 */
export class AccountNamesNotUnique1764700000000 implements MigrationInterface {
  name = 'AccountNamesNotUnique1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX accounts_name_idx ON accounts (lower(name), id);
      DROP INDEX accounts_name_key;
    `);
  }

  /** Fails while two accounts share a name: rename one first. */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE UNIQUE INDEX accounts_name_key ON accounts (lower(name));
      DROP INDEX accounts_name_idx;
    `);
  }
}
