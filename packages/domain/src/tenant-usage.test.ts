import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCounts, stepPeaks, tenantAttribution } from './tenant-usage.js';

const HOUR = 3_600_000;
const t0 = Date.UTC(2026, 10, 1);
const at = (hours: number) => new Date(t0 + hours * HOUR);
const step = (hours: number, internal: number, external = 0) => ({
  at: at(hours),
  internal,
  external,
  named: internal + external,
});

describe('stepPeaks', () => {
  it('carries a value into buckets without a change and takes the highest value in force in each', () => {
    const series = [step(0.5, 1), step(2.25, 5), step(2.5, 3)];
    expect(stepPeaks(series, { from: at(0), to: at(5), knownUntil: at(3.5), granularity: 'hour' })).toEqual([
      { at: at(0), internal: 1, external: 0, named: 1 },
      { at: at(1), internal: 1, external: 0, named: 1 },
      { at: at(2), internal: 5, external: 0, named: 5 },
      { at: at(3), internal: 3, external: 0, named: 3 },
    ]);
  });

  it('takes the value in force from before the window and knows nothing before the first or after the last count', () => {
    const series = [step(-30, 2, 1)];
    expect(stepPeaks(series, { from: at(1.5), to: at(3), knownUntil: at(2), granularity: 'hour' })).toEqual([
      { at: at(1), internal: 2, external: 1, named: 3 },
      { at: at(2), internal: 2, external: 1, named: 3 },
    ]);
    expect(stepPeaks(series, { from: at(0), to: at(3), knownUntil: null, granularity: 'hour' })).toEqual([]);
    expect(stepPeaks([step(2, 1)], { from: at(0), to: at(1), knownUntil: at(5), granularity: 'hour' })).toEqual([]);
  });

  it('buckets by UTC day', () => {
    const series = [step(1, 1), step(30, 4)];
    const days = stepPeaks(series, { from: at(0), to: at(72), knownUntil: at(71), granularity: 'day' });
    expect(days.map((d) => [d.at.toISOString().slice(0, 10), d.internal])).toEqual([
      ['2026-11-01', 1],
      ['2026-11-02', 4],
      ['2026-11-03', 4],
    ]);
  });

  it('agrees with sampling the step function every minute (property)', () => {
    const MINUTE = 60_000;
    fc.assert(
      fc.property(
        fc.array(fc.record({ minute: fc.integer({ min: -120, max: 600 }), value: fc.nat(20) }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 700 }),
        (raw, fromMinute, length, knownMinute) => {
          const unique = [...new Map(raw.map((r) => [r.minute, r])).values()];
          const series = unique.map((r) => ({
            at: new Date(t0 + r.minute * MINUTE),
            internal: r.value,
            external: 0,
            named: r.value,
          }));
          const from = new Date(t0 + fromMinute * MINUTE);
          const to = new Date(from.getTime() + length * MINUTE);
          const knownUntil = new Date(t0 + knownMinute * MINUTE);
          const expected = new Map<number, number>();
          for (let m = from.getTime(); m < to.getTime() && m <= knownUntil.getTime(); m += MINUTE) {
            const inForce = series
              .filter((s) => s.at.getTime() <= m)
              .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
            if (!inForce) continue;
            const bucket = Math.floor(m / HOUR) * HOUR;
            expected.set(bucket, Math.max(expected.get(bucket) ?? 0, inForce.internal));
          }
          const peaks = stepPeaks(series, { from, to, knownUntil, granularity: 'hour' });
          expect(new Map(peaks.map((p) => [p.at.getTime(), p.internal]))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('addCounts and tenantAttribution', () => {
  it('adds every dimension and explains both aggregations', () => {
    const one = { internal: 1, external: 2, named: 3, anonymous: 4, inactive: 5 };
    expect(addCounts([one, one])).toEqual({ internal: 2, external: 4, named: 6, anonymous: 8, inactive: 10 });
    expect(addCounts([])).toEqual({ internal: 0, external: 0, named: 0, anonymous: 0, inactive: 0 });
    expect(tenantAttribution('sum')).toMatch(/add up to the account total/);
    expect(tenantAttribution('unique')).toMatch(/counted in each of them/);
  });
});
