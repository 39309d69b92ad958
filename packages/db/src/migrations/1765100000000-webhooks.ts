import type { MigrationInterface, QueryRunner } from 'typeorm';

const setting = (name: string) => `(SELECT NULLIF(current_setting('${name}', true), '')::uuid)`;
const ACCOUNT_ROWS = `account_id = ${setting('roster.account_id')}`;

/**
 * Webhooks (issue 16, API.md §9).
 *
 * - webhook_endpoints: an account's receivers. The signing secret is sealed (envelope encryption under
 *   ENCRYPTION_KEYS, like tenant signing keys): HMAC needs the secret itself, so it cannot be stored hashed.
 *   After a rotation the previous secret keeps signing until previous_secret_expires_at. No row-level
 *   security: the access guard reads a webhook's account before it knows the account (like api_keys).
 * - webhook_messages: one event for one endpoint, with the CloudEvent as delivered (so a redelivery after the
 *   outbox was purged sends the same bytes). Unique per endpoint and event: a fan-out run twice adds nothing.
 * - webhook_deliveries: the delivery log, one row per attempt (API.md §9 calls them deliveries).
 * - outbox_events.webhooks_at: when the fan-out turned the change into messages. The fan-out is a consumer of
 *   its own, reading the outbox in the worker (roster_api may not read it); changes recorded before this
 *   migration are not sent.
 *
 * Messages and deliveries hold an account's data: roster_api sees one account's (the account-level unit of
 * work binds it), roster_worker every account's.
 */
export class Webhooks1765100000000 implements MigrationInterface {
  name = 'Webhooks1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        url text NOT NULL,
        description text NOT NULL DEFAULT '',
        event_types text[] NOT NULL,
        tenant_ids uuid[],
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        secret jsonb NOT NULL,
        previous_secret jsonb,
        previous_secret_expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX webhook_endpoints_account_idx ON webhook_endpoints (account_id, id);

      CREATE TABLE webhook_messages (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        event jsonb NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed', 'cancelled')),
        -- Attempts since it was (re)queued: the retry schedule's position.
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        UNIQUE (endpoint_id, event_id)
      );
      CREATE INDEX webhook_messages_pending_idx ON webhook_messages (created_at) WHERE state = 'pending';

      -- endpoint_id without a foreign key: the message's (cascading) reaches the endpoint, and a second key would
      -- have each logged attempt lock the endpoint, which deadlocks with deleting it while deliveries run.
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        endpoint_id uuid NOT NULL,
        message_id uuid NOT NULL REFERENCES webhook_messages (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        attempt integer NOT NULL,
        at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('succeeded', 'failed')),
        response_status integer,
        duration_ms integer NOT NULL,
        error text,
        response_excerpt text
      );
      CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, id DESC);
      CREATE INDEX webhook_deliveries_message_idx ON webhook_deliveries (message_id);

      ALTER TABLE outbox_events ADD COLUMN webhooks_at timestamptz;
      UPDATE outbox_events SET webhooks_at = recorded_at;
      CREATE INDEX outbox_events_webhooks_idx ON outbox_events (recorded_at, id) WHERE webhooks_at IS NULL;
    `);
    for (const table of ['webhook_messages', 'webhook_deliveries']) {
      await db.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
        CREATE POLICY account_rows ON ${table} TO roster_api USING (${ACCOUNT_ROWS}) WITH CHECK (${ACCOUNT_ROWS});
        CREATE POLICY all_accounts ON ${table} TO roster_worker USING (true) WITH CHECK (true);
      `);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX outbox_events_webhooks_idx;
      ALTER TABLE outbox_events DROP COLUMN webhooks_at;
      DROP TABLE webhook_deliveries;
      DROP TABLE webhook_messages;
      DROP TABLE webhook_endpoints;
    `);
  }
}
