import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Usage snapshots ordered by when their data was read (issue 14): a flow's parent that finished late stamped
 * now() on counts taken earlier and replaced newer, correct totals. Existing snapshots only know their write
 * time, which becomes their data time (the closest there is). The "latest" indexes follow the new order.
 */
export class UsageDataTime1764300000000 implements MigrationInterface {
  name = 'UsageDataTime1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE environment_usage ADD COLUMN data_as_of timestamptz(3);
      UPDATE environment_usage SET data_as_of = computed_at;
      ALTER TABLE environment_usage ALTER COLUMN data_as_of SET NOT NULL;
      DROP INDEX environment_usage_latest_idx;
      CREATE INDEX environment_usage_latest_idx
        ON environment_usage (environment_id, data_as_of DESC, computed_at DESC, id DESC);

      ALTER TABLE account_usage ADD COLUMN data_as_of timestamptz(3);
      UPDATE account_usage SET data_as_of = computed_at;
      ALTER TABLE account_usage ALTER COLUMN data_as_of SET NOT NULL;
      DROP INDEX account_usage_latest_idx;
      CREATE INDEX account_usage_latest_idx ON account_usage (account_id, data_as_of DESC, computed_at DESC, id DESC);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX account_usage_latest_idx;
      CREATE INDEX account_usage_latest_idx ON account_usage (account_id, computed_at DESC);
      ALTER TABLE account_usage DROP COLUMN data_as_of;
      DROP INDEX environment_usage_latest_idx;
      CREATE INDEX environment_usage_latest_idx ON environment_usage (environment_id, computed_at DESC);
      ALTER TABLE environment_usage DROP COLUMN data_as_of;
    `);
  }
}
