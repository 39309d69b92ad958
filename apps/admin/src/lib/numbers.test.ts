import { describe, expect, it } from 'vitest';
import { formatCount, parseCount } from './numbers';

describe('parseCount', () => {
  it('reads plain digits and the grouping the console displays', () => {
    expect(parseCount('1000')).toBe(1000);
    expect(parseCount('1,000')).toBe(1000);
    expect(parseCount(' 12,500,000 ')).toBe(12_500_000);
    expect(parseCount('0')).toBe(0);
  });

  it('reads back whatever formatCount wrote', () => {
    for (const value of [0, 7, 999, 1000, 2000, 123_456, 1_000_000_000])
      expect(parseCount(formatCount(value))).toBe(value);
  });

  it('refuses misplaced separators, decimals and signs', () => {
    for (const text of ['1,00', '10,00,000', ',100', '1,000,', '1.000', '1.5', '-3', '1 000', '', 'ten']) {
      expect(parseCount(text), text).toBeNull();
    }
  });
});
