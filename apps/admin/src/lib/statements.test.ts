import { describe, expect, it } from 'vitest';
import { formatAverage, formatFigure, formatPeriod, isPeriodStart, ordinalDay, periodStart } from './statements';

describe('formatPeriod', () => {
  it('shows the last day of the period, not the exclusive end', () => {
    expect(formatPeriod('2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')).toBe('1 Nov 2026 – 30 Nov 2026');
  });

  it('reads a period anchored on another billing day across a year end', () => {
    expect(formatPeriod('2026-12-15T00:00:00.000Z', '2027-01-15T00:00:00.000Z')).toBe('15 Dec 2026 – 14 Jan 2027');
  });
});

describe('periodStart', () => {
  it('is the UTC day the period starts', () => {
    expect(periodStart('2026-11-01T00:00:00.000Z')).toBe('2026-11-01');
    expect(periodStart('2026-11-01T00:00:00+00:00')).toBe('2026-11-01');
  });
});

describe('isPeriodStart', () => {
  it('takes real calendar days only', () => {
    expect(isPeriodStart('2026-11-01')).toBe(true);
    expect(isPeriodStart('2026-02-30')).toBe(false);
    expect(isPeriodStart('2026-11-1')).toBe(false);
    expect(isPeriodStart('../x')).toBe(false);
  });
});

describe('formatFigure', () => {
  it('groups counts and shows null as a dash', () => {
    expect(formatFigure(12500)).toBe('12,500');
    expect(formatFigure(0)).toBe('0');
    expect(formatFigure(null)).toBe('—');
  });
});

describe('formatAverage', () => {
  it('always shows two decimals', () => {
    expect(formatAverage(1234.5678)).toBe('1,234.57');
    expect(formatAverage(850.5)).toBe('850.50');
    expect(formatAverage(12)).toBe('12.00');
    expect(formatAverage(null)).toBe('—');
  });
});

describe('ordinalDay', () => {
  it('names the billing day', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 28].map(ordinalDay)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '28th',
    ]);
  });
});
