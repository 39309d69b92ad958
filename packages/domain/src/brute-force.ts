/**
 * Brute-force protection (API.md §6): failures are counted in a sliding 60-minute window per
 * (username, client IP) pair, per client IP, and per username across all addresses; reaching a
 * threshold blocks further attempts for a while after the last failure. Only the pair and the address
 * are blocked hard: a stranger guessing from elsewhere never locks the real user out. The username's
 * ceiling is met only by a guesser spread over many addresses, and it slows that guesser down (short
 * blocks) rather than shutting the user out for long. An attempt refused for its pair or its address
 * counts as a failure of the address (so an address that keeps hammering reaches the 50-failure step),
 * but not of the pair or the username.
 */
export const LOGIN_FAILURE_WINDOW_MS = 60 * 60 * 1000;

export interface BlockStep {
  /** Failures within the window that trigger this step. */
  failures: number;
  blockSeconds: number;
}

/** Highest step first: the first step whose threshold is reached decides. */
export const PAIR_BLOCK_STEPS: readonly BlockStep[] = [
  { failures: 6, blockSeconds: 1800 },
  { failures: 3, blockSeconds: 30 },
];
export const IP_BLOCK_STEPS: readonly BlockStep[] = [
  { failures: 50, blockSeconds: 3600 },
  { failures: 20, blockSeconds: 300 },
];
/**
 * Per username across all addresses. One address meets its pair's 30-minute block after six failures
 * (about eight an hour at most), so a hundred failures an hour take a dozen addresses or more; from
 * then on each further failure holds the username back for 30 seconds, which slows such a guesser to
 * two guesses a minute while the real user waits at most half a minute.
 */
export const USERNAME_CEILING_STEPS: readonly BlockStep[] = [{ failures: 100, blockSeconds: 30 }];

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
