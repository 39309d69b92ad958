/**
 * Brute-force protection (API.md §6): failures are counted in a sliding 60-minute window, per username
 * and per client IP; reaching a threshold blocks further attempts for a while after the last failure.
 * An attempt refused while blocked counts as a failure of its address (so an address that keeps
 * hammering reaches the 50-failure step), but not of the username.
 */
export const LOGIN_FAILURE_WINDOW_MS = 60 * 60 * 1000;

export interface BlockStep {
  /** Failures within the window that trigger this step. */
  failures: number;
  blockSeconds: number;
}

/** Highest step first: the first step whose threshold is reached decides. */
export const USERNAME_BLOCK_STEPS: readonly BlockStep[] = [
  { failures: 6, blockSeconds: 1800 },
  { failures: 3, blockSeconds: 30 },
];
export const IP_BLOCK_STEPS: readonly BlockStep[] = [
  { failures: 50, blockSeconds: 3600 },
  { failures: 20, blockSeconds: 300 },
];

/**
 * Until when (epoch ms) attempts are blocked, given the failures in the window (epoch ms, any order),
 * or null when an attempt may go ahead. The block runs from the last failure.
 */
export function blockedUntil(failures: readonly number[], steps: readonly BlockStep[], now: number): number | null {
  const recent = failures.filter((at) => at > now - LOGIN_FAILURE_WINDOW_MS);
  if (recent.length === 0) return null;
  const step = steps.find((candidate) => recent.length >= candidate.failures);
  if (!step) return null;
  const until = Math.max(...recent) + step.blockSeconds * 1000;
  return until > now ? until : null;
}

/** Whole seconds to wait, never 0 while blocked (the Retry-After header). */
export function retryAfterSeconds(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 1000));
}
