import { change, type LimitEvaluation, limitStatusChanges, type RecordedChange, type Totals } from '@roster/domain';
import { accountEvent } from '../changes/account-events.js';

/** What an account snapshot tells (the data of its usage.snapshot event). */
export interface StoredTotals extends Totals, LimitEvaluation {
  runId: string;
  model: string;
  aggregation: string;
  environments: unknown[];
  dataAsOf: Date;
}

/**
 * The events of one stored account snapshot: usage.snapshot always, usage.limit.changed when a dimension's
 * status moved since the account's previous snapshot (`previous`: its status, or null for the first).
 */
export function usageEvents(
  accountId: string,
  totals: StoredTotals,
  previous: LimitEvaluation['status'] | null,
): RecordedChange[] {
  const { dataAsOf, ...rest } = totals;
  const events = [
    accountEvent(
      change('usage.snapshot', accountId, null, { ...rest, dataAsOf: dataAsOf.toISOString() }),
      accountId,
      `usage-snapshot:${accountId}:${totals.runId}`,
    ),
  ];
  const moved = limitStatusChanges(previous, totals.status);
  if (moved) {
    const counts = { internal: totals.internal, external: totals.external, named: totals.named };
    const before = { status: moved.before };
    const after = { status: moved.after, limits: totals.limits, counts, dataAsOf: dataAsOf.toISOString() };
    const limitChanged = change('usage.limit.changed', accountId, before, after);
    events.push(accountEvent(limitChanged, accountId, `usage-limit:${accountId}:${totals.runId}`));
  }
  return events;
}
