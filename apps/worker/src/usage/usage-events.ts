import { createHash } from 'node:crypto';
import {
  change,
  type LimitEvaluation,
  limitStatusChanges,
  nameBasedId,
  type RecordedChange,
  type Totals,
} from '@roster/domain';

/** What an account snapshot tells (the data of its usage.snapshot event). */
export interface StoredTotals extends Totals, LimitEvaluation {
  runId: string;
  model: string;
  aggregation: string;
  environments: unknown[];
  dataAsOf: Date;
}

/** An id derived from what the event is about: the same for a retried run, so a receiver counts it once. */
const idOf = (name: string) => nameBasedId(createHash('sha1').update(`roster:${name}`).digest('hex'));

/**
 * The events of one stored account snapshot: usage.snapshot always, usage.limit.changed when a dimension's
 * status moved since the account's previous snapshot (`previous`: its status, or null for the first).
 */
export function usageEvents(
  accountId: string,
  totals: StoredTotals,
  previous: LimitEvaluation['status'] | null,
): RecordedChange[] {
  const recorded = (event: ReturnType<typeof change>, name: string): RecordedChange =>
    ({
      ...event,
      id: idOf(`${name}:${accountId}:${totals.runId}`),
      accountId,
      tenantId: null,
      environmentId: null,
      actor: { kind: 'system', id: null },
      at: new Date().toISOString(),
    }) as RecordedChange;
  const { dataAsOf, ...rest } = totals;
  const events = [
    recorded(
      change('usage.snapshot', accountId, null, { ...rest, dataAsOf: dataAsOf.toISOString() }),
      'usage-snapshot',
    ),
  ];
  const moved = limitStatusChanges(previous, totals.status);
  if (moved) {
    const counts = { internal: totals.internal, external: totals.external, named: totals.named };
    const before = { status: moved.before };
    const after = { status: moved.after, limits: totals.limits, counts, dataAsOf: dataAsOf.toISOString() };
    events.push(recorded(change('usage.limit.changed', accountId, before, after), 'usage-limit'));
  }
  return events;
}
