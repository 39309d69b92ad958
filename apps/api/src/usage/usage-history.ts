import { badRequest } from '../common/problems.js';
import { HISTORY_DEFAULT_RANGE_MS, HISTORY_MAX_RANGE_MS, type UsageHistoryQuery } from './usage.schemas.js';

/** The window a history request asks for (default: the 30 days before now), or the 400 saying what is wrong. */
export function historyWindow(query: UsageHistoryQuery): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : new Date();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - HISTORY_DEFAULT_RANGE_MS);
  if (from.getTime() >= to.getTime()) {
    throw badRequest('"from" must be before "to".', [{ field: 'from', message: 'must be before to' }]);
  }
  const maxRange = HISTORY_MAX_RANGE_MS[query.granularity];
  if (to.getTime() - from.getTime() > maxRange) {
    const days = maxRange / 86_400_000;
    throw badRequest(`With granularity=${query.granularity}, from and to may be at most ${days} days apart.`, [
      { field: 'from', message: `must be at most ${days} days before to` },
    ]);
  }
  return { from, to };
}
