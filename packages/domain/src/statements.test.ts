import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billingPeriodOf, dimensionFigures, periodsEndedBetween, type TimedValue } from './statements.js';

const utc = (text: string) => new Date(`${text}Z`);

describe('billing periods', () => {
  it('run monthly from the billing day, UTC', () => {
    expect(billingPeriodOf(1, utc('2026-12-04T10:00:00'))).toEqual({
      from: utc('2026-12-01T00:00:00'),
      to: utc('2027-01-01T00:00:00'),
    });
    expect(billingPeriodOf(15, utc('2026-12-04T10:00:00'))).toEqual({
      from: utc('2026-11-15T00:00:00'),
      to: utc('2026-12-15T00:00:00'),
    });
    expect(billingPeriodOf(15, utc('2026-12-15T00:00:00')).from).toEqual(utc('2026-12-15T00:00:00'));
    expect(billingPeriodOf(28, utc('2026-03-01T00:00:00'))).toEqual({
      from: utc('2026-02-28T00:00:00'),
      to: utc('2026-03-28T00:00:00'),
    });
    expect(billingPeriodOf(10, utc('2027-01-05T00:00:00')).from).toEqual(utc('2026-12-10T00:00:00'));
    expect(() => billingPeriodOf(29, new Date())).toThrow(/billingDay must be a whole number from 1 to 28/);
  });

  it('lists the periods that ended in a window, oldest first', () => {
    const ended = periodsEndedBetween(1, utc('2026-09-20T00:00:00'), utc('2026-12-01T00:00:00'));
    expect(ended.map((period) => period.to.toISOString().slice(0, 10))).toEqual([
      '2026-10-01',
      '2026-11-01',
      '2026-12-01',
    ]);
    expect(periodsEndedBetween(1, utc('2026-12-01T00:00:00'), utc('2026-12-31T00:00:00'))).toEqual([]);
  });
});

describe('dimension figures', () => {
  const period = { from: utc('2026-11-01T00:00:00'), to: utc('2026-12-01T00:00:00') };

  it('weigh each value by how long it held, starting from the value carried into the period', () => {
    const snapshots: TimedValue[] = [
      { at: utc('2026-10-20T00:00:00'), value: 10 }, // in force from the start
      { at: utc('2026-11-16T00:00:00'), value: 40 }, // the second half
      { at: utc('2026-12-02T00:00:00'), value: 99 }, // after the period: ignored
    ];
    expect(dimensionFigures(snapshots, period)).toEqual({ peak: 40, p95: 40, average: 25, end: 40 });
  });

  it('are empty when nothing covers the period', () => {
    expect(dimensionFigures([], period)).toEqual({ peak: null, p95: null, average: null, end: null });
    expect(dimensionFigures([{ at: utc('2026-12-01T00:00:00'), value: 5 }], period).peak).toBeNull();
  });

  it('equal a minute-by-minute computation on random histories, and ignore later snapshots', () => {
    const MINUTE = 60_000;
    const start = period.from.getTime();
    const minutes = (period.to.getTime() - start) / MINUTE;
    const history = fc.array(
      fc.record({ minute: fc.integer({ min: -2_000, max: minutes + 2_000 }), value: fc.integer({ min: 0, max: 500 }) }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(history, (entries) => {
        // One snapshot per minute at most (the last written wins, as a store keyed by time would keep).
        const byMinute = new Map(entries.map((entry) => [entry.minute, entry.value]));
        const snapshots = [...byMinute].map(([minute, value]) => ({ at: new Date(start + minute * MINUTE), value }));
        // The independent way: the value in force at every minute of the period, then plain statistics.
        const samples: number[] = [];
        for (let minute = 0; minute < minutes; minute += 1) {
          const before = [...byMinute.keys()].filter((at) => at <= minute);
          if (before.length > 0) samples.push(byMinute.get(Math.max(...before))!);
        }
        const figures = dimensionFigures(snapshots, period);
        if (samples.length === 0) {
          expect(figures).toEqual({ peak: null, p95: null, average: null, end: null });
          return;
        }
        const sorted = [...samples].sort((a, b) => a - b);
        expect(figures).toEqual({
          peak: sorted.at(-1),
          p95: sorted[Math.ceil(0.95 * sorted.length) - 1],
          average: Math.round((samples.reduce((a, b) => a + b, 0) / samples.length) * 100) / 100,
          end: samples.at(-1),
        });
        // Snapshots after the period change nothing.
        const later = [...snapshots, { at: new Date(period.to.getTime() + MINUTE), value: 1_000 }];
        expect(dimensionFigures(later, period)).toEqual(figures);
      }),
      { numRuns: 300 },
    );
  });
});
