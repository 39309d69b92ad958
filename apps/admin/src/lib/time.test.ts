import { describe, expect, it } from 'vitest';
import { exactTime, shortDate, timeAgo } from './time';

describe('timeAgo', () => {
  const now = Date.parse('2026-11-27T12:00:00.000Z');
  const before = (ms: number) => new Date(now - ms).toISOString();

  it('says "just now" within a minute either way', () => {
    expect(timeAgo(before(30_000), now)).toBe('just now');
    expect(timeAgo(before(-20_000), now)).toBe('just now');
  });

  it('counts whole minutes, hours, days, months and years', () => {
    expect(timeAgo(before(5 * 60_000 + 59_000), now)).toBe('5 minutes ago');
    expect(timeAgo(before(3 * 3_600_000), now)).toBe('3 hours ago');
    expect(timeAgo(before(24 * 3_600_000), now)).toBe('yesterday');
    expect(timeAgo(before(12 * 86_400_000), now)).toBe('12 days ago');
    expect(timeAgo(before(65 * 86_400_000), now)).toBe('2 months ago');
    expect(timeAgo(before(800 * 86_400_000), now)).toBe('2 years ago');
  });

  it('gives nothing for an unreadable time', () => {
    expect(timeAgo('not a date', now)).toBe('');
  });
});

describe('exact and short dates', () => {
  it('format in UTC, so server and browser agree', () => {
    expect(exactTime('2026-11-27T23:30:05.000Z')).toBe('27 Nov 2026, 23:30:05 UTC');
    expect(shortDate('2026-11-27T23:30:05.000Z')).toBe('27 Nov 2026');
  });
});
