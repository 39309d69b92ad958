import type { ChangeActor, RecordedChange } from '@roster/domain';
import type { EntityManager } from 'typeorm';
import type { Statement } from './bound-transaction.js';

/**
 * Writes changes as audit rows and outbox rows in one statement however many there are (a bulk action records
 * up to a thousand): one round trip while the transaction holds its connection, and none of its own when it goes
 * with the COMMIT (BoundTransaction). An audit row and its outbox row share the event's id: the trail and the
 * stream agree. A change in a tenant is audited in audit_events (a tenant table), one of no tenant in
 * account_audit_events; the outbox is one account-level table for both (DistributableKeys1766000000000 says why).
 */
export function changesStatement(changes: readonly RecordedChange[]): Statement {
  const audited = `SELECT (e->>'id')::uuid AS id, (e->>'accountId')::uuid AS account_id,
                          (e->>'tenantId')::uuid AS tenant_id, e->'actor'->>'kind' AS actor_type,
                          (e->'actor'->>'id')::uuid AS actor_id, e->>'type' AS action,
                          e->'subject'->>'type' AS target_type, (e->'subject'->>'id')::uuid AS target_id,
                          NULLIF(e->'before', 'null'::jsonb) AS before, NULLIF(e->'after', 'null'::jsonb) AS after,
                          (e->>'at')::timestamptz AS at
                     FROM e`;
  return {
    text: `WITH e AS (SELECT jsonb_array_elements($1::jsonb) AS e),
          a AS (${audited}),
          of_tenants AS (
            INSERT INTO audit_events (id, account_id, tenant_id, actor_type, actor_id, action, target_type, target_id, before, after, at)
            SELECT id, account_id, tenant_id, actor_type, actor_id, action, target_type, target_id, before, after, at
              FROM a WHERE tenant_id IS NOT NULL),
          of_account AS (
            INSERT INTO account_audit_events (id, account_id, actor_type, actor_id, action, target_type, target_id, before, after, at)
            SELECT id, account_id, actor_type, actor_id, action, target_type, target_id, before, after, at
              FROM a WHERE tenant_id IS NULL)
     INSERT INTO outbox_events (id, account_id, type, event, recorded_at)
     SELECT (e->>'id')::uuid, (e->>'accountId')::uuid, e->>'type', e, (e->>'at')::timestamptz
       FROM e`,
    parameters: [JSON.stringify(changes)],
  };
}

/** Stores changes on their own (see changesStatement). */
export async function storeChanges(manager: EntityManager, changes: readonly RecordedChange[]): Promise<void> {
  if (changes.length === 0) return;
  const { text, parameters } = changesStatement(changes);
  await manager.query(text, parameters);
}

/** Marks changes delivered to every consumer; a relay that delivered them meanwhile leaves its own stamp. */
export async function markDelivered(manager: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await manager.query('UPDATE outbox_events SET delivered_at = now() WHERE id = ANY($1) AND delivered_at IS NULL', [
    ids,
  ]);
}

/**
 * Takes the oldest undelivered changes recorded before `olderThanMs` ago and locks them for the caller's
 * transaction; SKIP LOCKED lets two relays share the backlog instead of delivering one change twice.
 */
export async function claimUndelivered(
  manager: EntityManager,
  olderThanMs: number,
  limit: number,
): Promise<RecordedChange[]> {
  const rows: { event: RecordedChange }[] = await manager.query(
    `SELECT event FROM outbox_events
      WHERE delivered_at IS NULL AND recorded_at < now() - make_interval(secs => $1::double precision / 1000)
      ORDER BY recorded_at, id
      LIMIT $2
      FOR UPDATE SKIP LOCKED`,
    [olderThanMs, limit],
  );
  return rows.map((row) => row.event);
}

/**
 * Deletes delivered changes older than `olderThanMs`, at most `limit` per call; returns how many went. A change
 * the webhook fan-out has not read yet stays, whatever its age.
 */
export async function purgeDeliveredChanges(
  manager: EntityManager,
  olderThanMs: number,
  limit: number,
): Promise<number> {
  const rows: unknown[] = await manager.query(
    `DELETE FROM outbox_events WHERE id IN (
       SELECT id FROM outbox_events
        WHERE delivered_at IS NOT NULL AND delivered_at < now() - make_interval(secs => $1::double precision / 1000)
          AND webhooks_at IS NOT NULL
        LIMIT $2)
     RETURNING id`,
    [olderThanMs, limit],
  );
  return rows.length;
}

/** The undelivered changes, oldest first (for tests and the operations view). */
export async function undeliveredChanges(manager: EntityManager): Promise<RecordedChange[]> {
  const rows: { event: RecordedChange }[] = await manager.query(
    'SELECT event FROM outbox_events WHERE delivered_at IS NULL ORDER BY recorded_at, id',
  );
  return rows.map((row) => row.event);
}

export type { ChangeActor };
