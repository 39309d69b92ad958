import { createHash } from 'node:crypto';
import { type ChangeEvent, nameBasedId, type RecordedChange } from '@roster/domain';

/** An id derived from what a fact is named by: the same whenever it is computed. */
export const derivedId = (name: string) => nameBasedId(createHash('sha1').update(`roster:${name}`).digest('hex'));

/**
 * A change the worker itself tells about an account (a stored snapshot, a closed statement): recorded by Roster,
 * with an id derived from `name` (what the event is about), so a rerun or a retried job tells the same event
 * and a receiver counts it once.
 */
export function accountEvent(event: ChangeEvent, accountId: string, name: string): RecordedChange {
  return {
    ...event,
    id: derivedId(name),
    accountId,
    tenantId: null,
    environmentId: null,
    actor: { kind: 'system', id: null },
    at: new Date().toISOString(),
  } as RecordedChange;
}
