import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox of DESIGN.md §5: every change event is written here in the transaction that made
 * the change (with the same id as its audit row), so a process that dies between the commit and handing the
 * event to its consumers loses nothing: the worker's relay delivers what is still undelivered. Delivered rows
 * stay a while (webhook deliveries read them) and are purged by the relay. Not a tenant table: account-level
 * changes have no tenant, and only Roster's own processes read it.
 */
export class ChangeOutbox1764800000000 implements MigrationInterface {
  name = 'ChangeOutbox1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox_events (
        id uuid PRIMARY KEY,
        account_id uuid,
        tenant_id uuid,
        type text NOT NULL,
        event jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      );
      CREATE INDEX outbox_events_undelivered_idx ON outbox_events (recorded_at, id) WHERE delivered_at IS NULL;
      CREATE INDEX outbox_events_delivered_idx ON outbox_events (delivered_at) WHERE delivered_at IS NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE outbox_events');
  }
}
