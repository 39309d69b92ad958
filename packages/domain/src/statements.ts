/**
 * Billing statements (API.md §8, DESIGN.md §3): an account's billing period, and what a closed period's
 * statement records per dimension — peak, 95th percentile, average and end — computed from the stored snapshots.
 *
 * A snapshot's value holds from its time until the next snapshot (counts change only through writes, and every
 * write that can move a count triggers a recount), so a period's values are a step function over time, and the
 * figures are of that function, weighted by time: a burst of snapshots during one busy hour weighs an hour, not
 * their number. The value in force when the period starts is the last snapshot before it; time before any
 * snapshot is not covered and enters no figure.
 */

/** A billing period [from, to), in UTC. */
export interface BillingPeriod {
  from: Date;
  to: Date;
}

/** The period containing `at` for an account billed on day `billingDay` (1–28) of each month, UTC. */
export function billingPeriodOf(billingDay: number, at: Date): BillingPeriod {
  if (!Number.isInteger(billingDay) || billingDay < 1 || billingDay > 28) {
    throw new RangeError(`billingDay must be a whole number from 1 to 28, not ${billingDay}`);
  }
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth() - (at.getUTCDate() < billingDay ? 1 : 0);
  return { from: new Date(Date.UTC(year, month, billingDay)), to: new Date(Date.UTC(year, month + 1, billingDay)) };
}

/** The periods that ended after `since` and by `now`, oldest first (what a closing run must close). */
export function periodsEndedBetween(billingDay: number, since: Date, now: Date): BillingPeriod[] {
  const periods: BillingPeriod[] = [];
  let period = billingPeriodOf(billingDay, since);
  while (period.to <= now) {
    if (period.to > since) periods.push(period);
    period = billingPeriodOf(billingDay, period.to);
  }
  return periods;
}

/** One stored value of one dimension at a time. */
export interface TimedValue {
  at: Date;
  value: number;
}

/** What a statement records for one dimension; all null when no snapshot covers any of the period. */
export interface DimensionFigures {
  peak: number | null;
  p95: number | null;
  average: number | null;
  end: number | null;
}

const NONE: DimensionFigures = { peak: null, p95: null, average: null, end: null };

/**
 * The figures of one dimension over a period, from its snapshots (any order; those after the period are
 * ignored, so snapshots that arrive later never change a closed period). Average rounded to 2 decimals.
 */
export function dimensionFigures(snapshots: readonly TimedValue[], period: BillingPeriod): DimensionFigures {
  const from = period.from.getTime();
  const to = period.to.getTime();
  const sorted = snapshots
    .filter((snapshot) => snapshot.at.getTime() < to)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  // The steps: [start, end) with a value, clipped to the period.
  const steps: { start: number; end: number; value: number }[] = [];
  sorted.forEach((snapshot, index) => {
    const start = Math.max(snapshot.at.getTime(), from);
    const end = Math.min(sorted[index + 1]?.at.getTime() ?? to, to);
    if (end > start) steps.push({ start, end, value: snapshot.value });
  });
  if (steps.length === 0) return NONE;
  const covered = steps.reduce((sum, step) => sum + (step.end - step.start), 0);
  const weighted = steps.reduce((sum, step) => sum + step.value * (step.end - step.start), 0);
  return {
    peak: Math.max(...steps.map((step) => step.value)),
    p95: timeWeightedQuantile(steps, covered, 0.95),
    average: Math.round((weighted / covered) * 100) / 100,
    end: steps.at(-1)!.value,
  };
}

/** The smallest value the step function is at or below for at least `q` of the covered time. */
function timeWeightedQuantile(
  steps: readonly { start: number; end: number; value: number }[],
  covered: number,
  q: number,
): number {
  const byValue = [...steps].sort((a, b) => a.value - b.value);
  let time = 0;
  for (const step of byValue) {
    time += step.end - step.start;
    if (time >= q * covered) return step.value;
  }
  return byValue.at(-1)!.value;
}

/** The three counted dimensions. */
export const DIMENSIONS = ['internal', 'external', 'named'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** One snapshot of counts (an account's, an environment's or a tenant's), at the time its data was read. */
export interface CountsSnapshot {
  at: Date;
  internal: number;
  external: number;
  named: number;
}

export type StatementFigures = Record<Dimension, DimensionFigures>;

/** The figures of every dimension of one series of snapshots over the period. */
export function statementFigures(snapshots: readonly CountsSnapshot[], period: BillingPeriod): StatementFigures {
  return Object.fromEntries(
    DIMENSIONS.map((dimension) => [
      dimension,
      dimensionFigures(
        snapshots.map((snapshot) => ({ at: snapshot.at, value: snapshot[dimension] })),
        period,
      ),
    ]),
  ) as StatementFigures;
}

/** The snapshot in force at the end of the period (the last one before its end), or null. */
export function lastBefore<T extends { at: Date }>(snapshots: readonly T[], end: Date): T | null {
  let last: T | null = null;
  for (const snapshot of snapshots) {
    if (snapshot.at < end && (!last || snapshot.at > last.at)) last = snapshot;
  }
  return last;
}

/**
 * A deterministic UUID (the version-5 layout over SHA-1 of the name, computed by the caller's `sha1`), so an
 * event that describes a fact — a closed statement, a snapshot — has the same id however often it is produced,
 * and a receiver deduplicates it.
 */
export function nameBasedId(sha1Hex: string): string {
  const hex = sha1Hex.slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}
