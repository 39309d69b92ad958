import {
  type CloudEvent,
  cloudEventOf,
  type RecordedChange,
  tenantOfChange,
  type WebhookSubscription,
  webhookWants,
} from '@roster/domain';
import type { DataSource } from 'typeorm';
import { newId } from '../entities/base.js';
import type { StoredSecret } from '../entities/webhook.entity.js';

/** What a delivery needs of its message and endpoint. */
export interface MessageToDeliver {
  messageId: string;
  accountId: string;
  state: 'pending' | 'delivered' | 'failed' | 'cancelled';
  /** Attempts made since it was queued (or queued again). */
  attempts: number;
  event: CloudEvent;
  endpoint: {
    id: string;
    url: string;
    enabled: boolean;
    secret: StoredSecret;
    previousSecret: StoredSecret | null;
    previousSecretExpiresAt: Date | null;
  };
}

/** One attempt, as the delivery log keeps it. */
export interface DeliveryAttempt {
  attempt: number;
  at: Date;
  status: 'succeeded' | 'failed';
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
  responseExcerpt: string | null;
}

/** A message's state once an attempt is over: still pending (a retry follows), delivered, or failed for good. */
export type MessageOutcome = 'pending' | 'delivered' | 'failed';

interface EndpointRow extends WebhookSubscription {
  id: string;
  accountId: string;
}

/**
 * The worker's side of webhooks (as roster_worker: every account's). The fan-out reads the outbox, which the
 * API may not read, and turns each change into one message per endpoint that wants it.
 */
export class WebhookDispatchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Fans out the oldest changes not fanned out yet, at most `limit`, in one transaction: claimed (SKIP LOCKED,
   * so two workers share a backlog), matched against the enabled endpoints of their accounts (webhookWants),
   * stored as messages (a message that exists already is kept: at least once, never twice) and marked.
   * Answers how many changes were read and the ids of the new messages.
   */
  fanOut(limit: number): Promise<{ changes: number; messageIds: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string; event: RecordedChange }[] = await manager.query(
        `SELECT id, event FROM outbox_events WHERE webhooks_at IS NULL
          ORDER BY recorded_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return { changes: 0, messageIds: [] };
      const changes = rows.map((row) => row.event);
      const accounts = [...new Set(changes.map((change) => change.accountId).filter((id) => id !== null))];
      const endpoints: EndpointRow[] = accounts.length
        ? await manager.query(
            `SELECT id, account_id AS "accountId", event_types AS "eventTypes", tenant_ids AS "tenantIds"
               FROM webhook_endpoints WHERE account_id = ANY($1) AND enabled`,
            [accounts],
          )
        : [];
      const messages = changes.flatMap((change) => messagesOf(change, endpoints));
      let messageIds: string[] = [];
      if (messages.length > 0) {
        const inserted: { id: string }[] = await manager.query(
          `INSERT INTO webhook_messages (id, account_id, endpoint_id, event_id, event_type, event)
           SELECT (m->>'id')::uuid, (m->>'accountId')::uuid, (m->>'endpointId')::uuid, (m->'event'->>'id')::uuid,
                  m->'event'->>'type', m->'event'
             FROM jsonb_array_elements($1::jsonb) AS m
           ON CONFLICT (endpoint_id, event_id) DO NOTHING
           RETURNING id`,
          [JSON.stringify(messages)],
        );
        messageIds = inserted.map((row) => row.id);
      }
      await manager.query('UPDATE outbox_events SET webhooks_at = now() WHERE id = ANY($1)', [
        rows.map((row) => row.id),
      ]);
      return { changes: rows.length, messageIds };
    });
  }

  /** Messages pending for longer than `olderThanMs`: a lost queue entry (Redis emptied) is queued again from these. */
  async pendingMessages(olderThanMs: number, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM webhook_messages
        WHERE state = 'pending' AND created_at < now() - make_interval(secs => $1::double precision / 1000)
        ORDER BY created_at LIMIT $2`,
      [olderThanMs, limit],
    );
    return rows.map((row) => row.id);
  }

  async message(messageId: string): Promise<MessageToDeliver | null> {
    const rows: MessageToDeliver[] = await this.dataSource.query(
      `SELECT m.id AS "messageId", m.account_id AS "accountId", m.state, m.attempts, m.event,
              json_build_object('id', w.id, 'url', w.url, 'enabled', w.enabled, 'secret', w.secret,
                                'previousSecret', w.previous_secret,
                                'previousSecretExpiresAt', w.previous_secret_expires_at) AS endpoint
         FROM webhook_messages m JOIN webhook_endpoints w ON w.id = m.endpoint_id
        WHERE m.id = $1`,
      [messageId],
    );
    const row = rows[0];
    if (!row) return null;
    const expires = row.endpoint.previousSecretExpiresAt;
    return { ...row, endpoint: { ...row.endpoint, previousSecretExpiresAt: expires ? new Date(expires) : null } };
  }

  /** Logs an attempt, counts it on the message and moves the message to `outcome`: one statement, so atomic. */
  async recordAttempt(message: MessageToDeliver, attempt: DeliveryAttempt, outcome: MessageOutcome): Promise<void> {
    await this.dataSource.query(
      `WITH logged AS (
         INSERT INTO webhook_deliveries (id, account_id, endpoint_id, message_id, event_id, event_type, attempt, at,
                                         status, response_status, duration_ms, error, response_excerpt)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13))
       UPDATE webhook_messages SET attempts = $7, state = $14,
              finished_at = CASE WHEN $14 = 'pending' THEN NULL ELSE now() END
        WHERE id = $4`,
      [
        newId(),
        message.accountId,
        message.endpoint.id,
        message.messageId,
        message.event.id,
        message.event.type,
        attempt.attempt,
        attempt.at,
        attempt.status,
        attempt.responseStatus,
        attempt.durationMs,
        attempt.error,
        attempt.responseExcerpt,
        outcome,
      ],
    );
  }

  /** A message that will not be sent (its endpoint was disabled meanwhile). */
  async cancel(messageId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_messages SET state = 'cancelled', finished_at = now() WHERE id = $1 AND state = 'pending'`,
      [messageId],
    );
  }

  /**
   * Deletes messages finished more than `days` ago, with their delivery logs, at most `limit`; answers how many.
   * Pending ones stay whatever their age: they are still being delivered.
   */
  async purgeFinished(days: number, limit: number): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `DELETE FROM webhook_messages WHERE id IN (
         SELECT id FROM webhook_messages
          WHERE state <> 'pending' AND finished_at < now() - make_interval(days => $1)
          LIMIT $2)
       RETURNING id`,
      [days, limit],
    );
    return rows.length;
  }

  /** Disables an endpoint and says why, unless a person disabled it already. */
  async disableEndpoint(endpointId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, updated_at = now()
        WHERE id = $1 AND enabled`,
      [endpointId, reason],
    );
  }
}

function messagesOf(change: RecordedChange, endpoints: readonly EndpointRow[]) {
  const event = cloudEventOf(change);
  if (!event) return [];
  const tenantId = tenantOfChange(change);
  return endpoints
    .filter((endpoint) => endpoint.accountId === change.accountId && webhookWants(endpoint, event.type, tenantId))
    .map((endpoint) => ({ id: newId(), accountId: endpoint.accountId, endpointId: endpoint.id, event }));
}
