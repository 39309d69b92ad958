/**
 * Filtering users by their last login (API.md §10): the list, its count and its export take the same window.
 *
 * A user who never logged in counts as having last logged in at the earliest possible time (−infinity), the
 * place the list's lastLoginAt sort gives them: `before` T keeps them (they did not log in at T or later),
 * `after` T leaves them out. Both bounds are instants; `before` is exclusive, `after` inclusive, so the two
 * windows `before: T` and `after: T` split the users exactly.
 */
export interface LastLoginWindow {
  /** Users who last logged in before this instant, or never. */
  before?: Date;
  /** Users who last logged in at or after this instant (never logged in: no). */
  after?: Date;
}

export interface LastLoginWindowProblem {
  field: 'lastLoginBefore' | 'lastLoginAfter';
  message: string;
}

/** Whether a user whose last login was `lastLoginAt` (null: never) is in the window. */
export function lastLoginInWindow(lastLoginAt: Date | null, window: LastLoginWindow): boolean {
  const at = lastLoginAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (window.before !== undefined && !(at < window.before.getTime())) return false;
  if (window.after !== undefined && !(at >= window.after.getTime())) return false;
  return true;
}

/**
 * A window with both bounds that no login can fall in (before ≤ after) is refused rather than answered with
 * no users: it is nearly always the two parameters swapped, and an empty answer would hide that.
 */
export function lastLoginWindowProblems(window: LastLoginWindow): LastLoginWindowProblem[] {
  const { before, after } = window;
  if (before === undefined || after === undefined || before.getTime() > after.getTime()) return [];
  return [
    { field: 'lastLoginBefore', message: 'must be later than lastLoginAfter (the window is empty)' },
    { field: 'lastLoginAfter', message: 'must be earlier than lastLoginBefore (the window is empty)' },
  ];
}
