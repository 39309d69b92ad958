import type { Aggregation } from './subscription.js';
import type { EnvironmentCounts } from './usage.js';
import { type CountsSnapshot, DIMENSIONS } from './statements.js';

/** The counts of several tenants (or environments) together: what they add up to under `sum`. */
export function addCounts(parts: readonly EnvironmentCounts[]): EnvironmentCounts {
  const total = { internal: 0, external: 0, named: 0, anonymous: 0, inactive: 0 };
  for (const part of parts) {
    total.internal += part.internal;
    total.external += part.external;
    total.named += part.named;
    total.anonymous += part.anonymous;
    total.inactive += part.inactive;
  }
  return total;
}

/**
 * How the per-tenant counts relate to the account's total (issue 16: say how a person counted in several tenants
 * is attributed). Each tenant always counts its own active users; only the account total depends on aggregation.
 */
export function tenantAttribution(aggregation: Aggregation): string {
  return aggregation === 'sum'
    ? 'Each tenant counts its own active users. Under aggregation "sum" every record counts, so the counts of the ' +
        'production tenants add up to the account total.'
    : 'Each tenant counts every person active in it, so a person with records in several production tenants is ' +
        'counted in each of them (internal or external by that tenant’s rules). The account total under ' +
        'aggregation "unique" counts that person once (internal if any record is), so the tenants’ counts may ' +
        'add up to more than the total.';
}

/** A bucket of a history: its start and each dimension's peak. */
export type BucketPeak = CountsSnapshot;

const BUCKET_MS = { hour: 3_600_000, day: 86_400_000 } as const;

/**
 * The peaks per bucket of a series stored as steps (a value holds from its time until the next one's), over
 * [from, to) and never past `knownUntil` (the last count that confirmed the series: after it nothing is known).
 * A bucket is listed when some value is in force in it; its peak is the highest value in force at any moment of
 * it, the one carried in from before the bucket included. Buckets start at the full UTC hour or UTC midnight.
 */
export function stepPeaks(
  series: readonly CountsSnapshot[],
  window: { from: Date; to: Date; knownUntil: Date | null; granularity: 'hour' | 'day' },
): BucketPeak[] {
  if (window.knownUntil === null) return [];
  const size = BUCKET_MS[window.granularity];
  const from = window.from.getTime();
  // Inclusive of the confirming count itself: its moment belongs to the window when it is before `to`.
  const end = Math.min(window.to.getTime(), window.knownUntil.getTime() + 1);
  const steps = [...series].sort((a, b) => a.at.getTime() - b.at.getTime());
  const peaks: BucketPeak[] = [];
  for (let start = Math.floor(from / size) * size; start < end; start += size) {
    const lo = Math.max(start, from);
    const hi = Math.min(start + size, end);
    if (hi <= lo) continue;
    const inForce = steps.filter((step, index) => {
      const next = steps[index + 1]?.at.getTime() ?? Infinity;
      return step.at.getTime() < hi && next > lo;
    });
    if (inForce.length === 0) continue;
    const peak = { at: new Date(start), internal: 0, external: 0, named: 0 };
    for (const dimension of DIMENSIONS) peak[dimension] = Math.max(...inForce.map((step) => step[dimension]));
    peaks.push(peak);
  }
  return peaks;
}
