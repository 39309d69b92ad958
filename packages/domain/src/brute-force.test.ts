import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blockedUntil,
  IP_BLOCK_STEPS,
  LOGIN_FAILURE_WINDOW_MS,
  retryAfterSeconds,
  PAIR_BLOCK_STEPS,
  USERNAME_CEILING_STEPS,
} from './brute-force.js';

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** `count` failures, the newest `lastAgoMs` before NOW, each older one a second before the next. */
const failures = (count: number, lastAgoMs = 0) =>
  Array.from({ length: count }, (_, i) => NOW - lastAgoMs - (count - 1 - i) * SECOND);

describe('blockedUntil per (username, address) pair', () => {
  it('lets an attempt go ahead with no failures or fewer than three', () => {
    expect(blockedUntil([], PAIR_BLOCK_STEPS, NOW)).toBeNull();
    expect(blockedUntil(failures(1), PAIR_BLOCK_STEPS, NOW)).toBeNull();
    expect(blockedUntil(failures(2), PAIR_BLOCK_STEPS, NOW)).toBeNull();
  });

  it('blocks for 30 seconds from the last of three failures', () => {
    expect(blockedUntil(failures(3), PAIR_BLOCK_STEPS, NOW)).toBe(NOW + 30 * SECOND);
    expect(blockedUntil(failures(5), PAIR_BLOCK_STEPS, NOW)).toBe(NOW + 30 * SECOND);
  });

  it('blocks for 1800 seconds from the last of six failures', () => {
    expect(blockedUntil(failures(6), PAIR_BLOCK_STEPS, NOW)).toBe(NOW + 1800 * SECOND);
    expect(blockedUntil(failures(40), PAIR_BLOCK_STEPS, NOW)).toBe(NOW + 1800 * SECOND);
  });

  it('counts the block from the newest failure whatever order the failures come in', () => {
    const shuffled = [NOW - 20 * SECOND, NOW - 5 * SECOND, NOW - 50 * SECOND];
    expect(blockedUntil(shuffled, PAIR_BLOCK_STEPS, NOW)).toBe(NOW + 25 * SECOND);
  });

  it('ends the block exactly when its time is up', () => {
    const three = failures(3, 30 * SECOND);
    expect(blockedUntil(three, PAIR_BLOCK_STEPS, NOW - 1)).toBe(NOW);
    expect(blockedUntil(three, PAIR_BLOCK_STEPS, NOW)).toBeNull();
    expect(blockedUntil(failures(6, 1800 * SECOND), PAIR_BLOCK_STEPS, NOW)).toBeNull();
  });

  it('forgets failures older than the 60-minute window', () => {
    const old = [NOW - 61 * MINUTE, NOW - 61 * MINUTE];
    expect(blockedUntil([...old, NOW - SECOND], PAIR_BLOCK_STEPS, NOW)).toBeNull();
    const recent = [NOW - 59 * MINUTE, NOW - 59 * MINUTE];
    expect(blockedUntil([...recent, NOW - SECOND], PAIR_BLOCK_STEPS, NOW)).toBe(NOW + 29 * SECOND);
  });

  it('drops a failure exactly at the edge of the window', () => {
    const edge = NOW - LOGIN_FAILURE_WINDOW_MS;
    expect(blockedUntil([edge, NOW - 2, NOW - 1], PAIR_BLOCK_STEPS, NOW)).toBeNull();
    expect(blockedUntil([edge + 1, NOW - 2, NOW - 1], PAIR_BLOCK_STEPS, NOW)).toBe(NOW - 1 + 30 * SECOND);
  });

  it('falls back to the 30-second step once old failures leave the window', () => {
    const sixSpreadOut = [...failures(3, 59 * MINUTE), ...failures(3)];
    expect(blockedUntil(sixSpreadOut, PAIR_BLOCK_STEPS, NOW)).toBe(NOW + 1800 * SECOND);
    const later = NOW + 2 * MINUTE;
    expect(blockedUntil(sixSpreadOut, PAIR_BLOCK_STEPS, later)).toBeNull();
    expect(blockedUntil([...sixSpreadOut, later - SECOND], PAIR_BLOCK_STEPS, later)).toBe(later + 29 * SECOND);
  });
});

describe('blockedUntil per client IP', () => {
  it('lets nineteen failures through', () => {
    expect(blockedUntil(failures(19), IP_BLOCK_STEPS, NOW)).toBeNull();
  });

  it('blocks for 300 seconds from the twentieth failure', () => {
    expect(blockedUntil(failures(20), IP_BLOCK_STEPS, NOW)).toBe(NOW + 300 * SECOND);
    expect(blockedUntil(failures(49), IP_BLOCK_STEPS, NOW)).toBe(NOW + 300 * SECOND);
  });

  it('blocks for 3600 seconds from the fiftieth failure', () => {
    expect(blockedUntil(failures(50), IP_BLOCK_STEPS, NOW)).toBe(NOW + 3600 * SECOND);
    const fiftyAtOnce = Array.from({ length: 50 }, () => NOW - 3599 * SECOND);
    expect(blockedUntil(fiftyAtOnce, IP_BLOCK_STEPS, NOW)).toBe(NOW + SECOND);
  });
});

describe('blockedUntil per username across addresses (the ceiling)', () => {
  it('does not block a username for anything one address can reach before its pair is blocked for long', () => {
    // Six failures block the pair for 1800 s; one more each 30 minutes is what one address gets in an hour.
    expect(blockedUntil(failures(8), USERNAME_CEILING_STEPS, NOW)).toBeNull();
    expect(blockedUntil(failures(99), USERNAME_CEILING_STEPS, NOW)).toBeNull();
  });

  it('holds the username back for 30 seconds only, from the 100th failure in the window on', () => {
    expect(blockedUntil(failures(100), USERNAME_CEILING_STEPS, NOW)).toBe(NOW + 30 * SECOND);
    expect(blockedUntil(failures(500), USERNAME_CEILING_STEPS, NOW)).toBe(NOW + 30 * SECOND);
    expect(blockedUntil(failures(500, 30 * SECOND), USERNAME_CEILING_STEPS, NOW)).toBeNull();
  });

  it('never blocks longer than the pair’s first step, so strangers cannot lock the real user out', () => {
    const longest = Math.max(...USERNAME_CEILING_STEPS.map((step) => step.blockSeconds));
    expect(longest).toBeLessThanOrEqual(Math.min(...PAIR_BLOCK_STEPS.map((step) => step.blockSeconds)));
    const perAddressPerHour = PAIR_BLOCK_STEPS[0]!.failures + 2;
    expect(Math.min(...USERNAME_CEILING_STEPS.map((step) => step.failures)) / perAddressPerHour).toBeGreaterThan(10);
  });
});

describe('blockedUntil, whatever the failures', () => {
  it('blocks exactly when a step’s threshold is reached within the window and its time since the last failure is not up', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 * LOGIN_FAILURE_WINDOW_MS }), { maxLength: 60 }), (ages) => {
        const times = ages.map((age) => NOW - age);
        const recent = times.filter((at) => at > NOW - LOGIN_FAILURE_WINDOW_MS);
        const seconds = recent.length >= 6 ? 1800 : recent.length >= 3 ? 30 : 0;
        const until = seconds ? Math.max(...recent) + seconds * SECOND : null;
        const expected = until !== null && until > NOW ? until : null;
        expect(blockedUntil(times, PAIR_BLOCK_STEPS, NOW)).toBe(expected);
      }),
    );
  });
});

describe('retryAfterSeconds', () => {
  it('rounds the wait up to whole seconds', () => {
    expect(retryAfterSeconds(NOW + 30 * SECOND, NOW)).toBe(30);
    expect(retryAfterSeconds(NOW + 29_001, NOW)).toBe(30);
    expect(retryAfterSeconds(NOW + 1800 * SECOND, NOW)).toBe(1800);
  });

  it('counts down as time passes', () => {
    const until = NOW + 30 * SECOND;
    expect(retryAfterSeconds(until, NOW + 10 * SECOND)).toBe(20);
    expect(retryAfterSeconds(until, NOW + 29 * SECOND)).toBe(1);
  });

  it('never says 0 while still blocked', () => {
    expect(retryAfterSeconds(NOW + 1, NOW)).toBe(1);
    expect(retryAfterSeconds(NOW, NOW)).toBe(1);
  });
});
