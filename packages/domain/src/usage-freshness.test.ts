import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSuperseded, oldestReadTime, servedFirst, servedSnapshot, type SnapshotTimes } from './usage-freshness.js';

const at = (ms: number) => new Date(Date.UTC(2026, 11, 4) + ms);

/** Few distinct instants and ids, so that ties on data time and on write time are common. */
const snapshot: fc.Arbitrary<SnapshotTimes> = fc.record({
  dataAsOf: fc.integer({ min: 0, max: 5 }).map(at),
  computedAt: fc.integer({ min: 0, max: 5 }).map(at),
  id: fc.constantFrom('a', 'b', 'c', 'd'),
});

describe('oldestReadTime', () => {
  it('is the oldest read, and nothing without reads', () => {
    expect(oldestReadTime([at(3), at(1), at(2)])).toEqual(at(1));
    expect(oldestReadTime([])).toBeUndefined();
  });

  it('is one of the reads and no read is older', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }).map(at), { minLength: 1 }), (reads) => {
        const oldest = oldestReadTime(reads)!;
        expect(reads).toContainEqual(oldest);
        for (const read of reads) expect(read.getTime()).toBeGreaterThanOrEqual(oldest.getTime());
      }),
    );
  });
});

describe('servedSnapshot', () => {
  it('serves newer data over a later write of older data (a late flow parent)', () => {
    const newer = { dataAsOf: at(20), computedAt: at(21), id: 'a' };
    const lateParent = { dataAsOf: at(10), computedAt: at(30), id: 'z' };
    expect(servedSnapshot([newer, lateParent])).toBe(newer);
    expect(servedSnapshot([lateParent, newer])).toBe(newer);
  });

  it('breaks a tie on data time by the later write, then the greater id', () => {
    const early = { dataAsOf: at(1), computedAt: at(2), id: 'z' };
    const late = { dataAsOf: at(1), computedAt: at(3), id: 'a' };
    expect(servedSnapshot([early, late])).toBe(late);
    const twin = { ...late, id: 'b' };
    expect(servedSnapshot([late, twin])).toBe(twin);
  });

  it('never serves older data than any snapshot stored, whatever the order they arrive in', () => {
    fc.assert(
      fc.property(fc.array(snapshot, { minLength: 1 }), (snapshots) => {
        const served = servedSnapshot(snapshots)!;
        for (const other of snapshots) {
          expect(served.dataAsOf.getTime()).toBeGreaterThanOrEqual(other.dataAsOf.getTime());
          expect(servedFirst(other, served)).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('does not depend on the order of the rows', () => {
    fc.assert(
      fc.property(fc.array(snapshot, { minLength: 1 }), (snapshots) => {
        const reversed = [...snapshots].reverse();
        expect(servedFirst(servedSnapshot(snapshots)!, servedSnapshot(reversed)!)).toBe(0);
      }),
    );
  });

  it('only moves forward in data time as snapshots arrive', () => {
    fc.assert(
      fc.property(fc.array(snapshot, { minLength: 1 }), (arrivals) => {
        let previous: SnapshotTimes | undefined;
        for (let n = 1; n <= arrivals.length; n++) {
          const served = servedSnapshot(arrivals.slice(0, n))!;
          if (previous) expect(served.dataAsOf.getTime()).toBeGreaterThanOrEqual(previous.dataAsOf.getTime());
          previous = served;
        }
      }),
    );
  });
});

describe('isSuperseded', () => {
  it('refuses data older than the newest stored; equal or newer data, or a first snapshot, is stored', () => {
    expect(isSuperseded(at(1), at(2))).toBe(true);
    expect(isSuperseded(at(2), at(2))).toBe(false);
    expect(isSuperseded(at(3), at(2))).toBe(false);
    expect(isSuperseded(at(1), undefined)).toBe(false);
  });

  it('keeps the served data time from going back: what it lets in is served or ranks below the served', () => {
    fc.assert(
      fc.property(fc.array(snapshot, { minLength: 1 }), (arrivals) => {
        const stored: SnapshotTimes[] = [];
        for (const candidate of arrivals) {
          const newest = servedSnapshot(stored)?.dataAsOf;
          if (isSuperseded(candidate.dataAsOf, newest)) continue;
          stored.push(candidate);
          // Every stored snapshot was the newest data when stored: history only holds totals once served.
          expect(servedSnapshot(stored)!.dataAsOf.getTime()).toBe(candidate.dataAsOf.getTime());
        }
      }),
    );
  });
});
