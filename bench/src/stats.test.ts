import { describe, expect, it } from 'vitest';
import { quantile, summarize } from './stats.js';

describe('stats', () => {
  it('takes the nearest-rank quantile', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(values, 0.5)).toBe(50);
    expect(quantile(values, 0.95)).toBe(95);
    expect(quantile(values, 0.99)).toBe(99);
    expect(quantile([7], 0.99)).toBe(7);
  });

  it('summarizes runs as median and range, keeping their order', () => {
    expect(summarize([3.14159, 1, 2])).toEqual({ median: 2, min: 1, max: 3.1, runs: [3.1, 1, 2] });
  });
});
