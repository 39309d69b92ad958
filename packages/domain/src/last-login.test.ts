import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastLoginInWindow, lastLoginWindowProblems } from './last-login.js';

const T = new Date('2025-03-01T12:00:00.000Z');
const EARLIER = new Date('2025-02-01T00:00:00.000Z');
const LATER = new Date('2025-04-01T00:00:00.000Z');

describe('lastLoginInWindow', () => {
  it.each([
    ['never logged in', null, { before: T }, true],
    ['never logged in', null, { after: T }, false],
    ['never logged in', null, {}, true],
    ['logged in before T', EARLIER, { before: T }, true],
    ['logged in at T', T, { before: T }, false],
    ['logged in at T', T, { after: T }, true],
    ['logged in after T', LATER, { after: T }, true],
    ['logged in before T', EARLIER, { after: T }, false],
    ['logged in inside the window', T, { after: EARLIER, before: LATER }, true],
    ['logged in after the window', LATER, { after: EARLIER, before: T }, false],
    ['never logged in, with both bounds', null, { after: EARLIER, before: LATER }, false],
  ] as const)('%s (%s) in %o: %s', (_label, at, window, expected) => {
    expect(lastLoginInWindow(at, window)).toBe(expected);
  });

  it('splits every user into exactly one of before T and after T', () => {
    fc.assert(
      fc.property(fc.option(fc.date({ noInvalidDate: true })), fc.date({ noInvalidDate: true }), (at, bound) => {
        expect(lastLoginInWindow(at, { before: bound })).toBe(!lastLoginInWindow(at, { after: bound }));
      }),
    );
  });
});

describe('lastLoginWindowProblems', () => {
  it('accepts a single bound, or a window with room in it', () => {
    expect(lastLoginWindowProblems({})).toEqual([]);
    expect(lastLoginWindowProblems({ before: T })).toEqual([]);
    expect(lastLoginWindowProblems({ after: T })).toEqual([]);
    expect(lastLoginWindowProblems({ after: EARLIER, before: T })).toEqual([]);
  });

  it.each([
    ['swapped', { before: EARLIER, after: T }],
    ['equal', { before: T, after: T }],
  ])('refuses an empty window (%s), naming both bounds', (_label, window) => {
    expect(lastLoginWindowProblems(window).map((problem) => problem.field)).toEqual([
      'lastLoginBefore',
      'lastLoginAfter',
    ]);
  });
});
