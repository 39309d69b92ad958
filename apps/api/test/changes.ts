import type { RecordedChange } from '@roster/domain';
import { expect } from 'vitest';
import type { TestApp } from './harness.js';

/**
 * The whole audit trail as one table, for SQL the tests run: the changes of a tenant (audit_events) and those of
 * no tenant (account_audit_events, tenant_id NULL here).
 */
export const AUDIT_TRAIL = `(SELECT id, account_id, tenant_id, actor_type, actor_id, action, target_type, target_id,
                                   before, after, at FROM audit_events
                            UNION ALL
                            SELECT id, account_id, NULL::uuid, actor_type, actor_id, action, target_type, target_id,
                                   before, after, at FROM account_audit_events) AS trail`;

/** What a test expects of one recorded change: its type and subject, and optionally more. */
export type ExpectedChange = Partial<RecordedChange> & Pick<RecordedChange, 'type'>;

interface AuditRow {
  id: string;
  account_id: string | null;
  tenant_id: string | null;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  before: unknown;
  after: unknown;
  at: Date;
}

/** The newest change's id (ids are time-ordered): what `changesSince` reads after. */
export async function changeMark(t: TestApp): Promise<string> {
  const { rows } = await t.db.query<{ id: string }>('SELECT id FROM outbox_events ORDER BY id DESC LIMIT 1');
  return rows[0]?.id ?? '00000000-0000-0000-0000-000000000000';
}

/**
 * The changes recorded after `mark`, oldest first, each checked against its audit row: the trail and the
 * stream must say the same thing (same id, action = type, target = subject, before/after, actor, scope).
 */
export async function changesSince(t: TestApp, mark: string): Promise<RecordedChange[]> {
  const { rows } = await t.db.query<{ event: RecordedChange }>(
    'SELECT event FROM outbox_events WHERE id > $1 ORDER BY id',
    [mark],
  );
  const changes = rows.map((row) => row.event);
  const audit = await t.db.query<AuditRow>(`SELECT * FROM ${AUDIT_TRAIL} WHERE id = ANY($1) ORDER BY id`, [
    changes.map((change) => change.id),
  ]);
  expect(audit.rows.map(auditAsChange)).toEqual(changes.map(changeAsAudit));
  return changes;
}

function auditAsChange(row: AuditRow) {
  return {
    id: row.id,
    accountId: row.account_id,
    tenantId: row.tenant_id,
    actor: { kind: row.actor_type, id: row.actor_id },
    type: row.action,
    subject: { type: row.target_type, id: row.target_id },
    before: row.before,
    after: row.after,
    at: row.at.toISOString(),
  };
}

function changeAsAudit(change: RecordedChange) {
  return {
    id: change.id,
    accountId: change.accountId,
    tenantId: change.tenantId,
    actor: change.actor,
    type: change.type,
    subject: change.subject,
    before: change.before,
    after: change.after,
    at: change.at,
  };
}

/**
 * Runs `act` and checks the changes it recorded, in order: each matches its expectation (type, and any
 * other field given) and its audit row. Returns them for further checks.
 */
export async function expectChanges(
  t: TestApp,
  act: () => Promise<unknown>,
  expected: readonly ExpectedChange[],
): Promise<RecordedChange[]> {
  const mark = await changeMark(t);
  await act();
  const changes = await changesSince(t, mark);
  expect(changes).toEqual(expected.map((change) => expect.objectContaining(change)));
  return changes;
}
