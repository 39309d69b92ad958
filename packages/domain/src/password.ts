/** Password policy (API.md §6), shared by operators and end users. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * argon2id cost (DESIGN.md §7): OWASP's recommended configuration (Password Storage Cheat Sheet:
 * m = 19 MiB, t = 2, p = 1). The argon2 library's defaults (64 MiB, t = 3, p = 4) verified about 4
 * passwords a second on a 2-core server, held 256 MiB in four concurrent logins, and made the
 * login endpoint an easy way to exhaust the API. A hash keeps its own parameters, so older hashes
 * still verify, and are re-hashed with these at the next successful login.
 */
export const ARGON2ID_COST = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Returns why the password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username: string | null): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (username !== null && password.toLowerCase() === username.toLowerCase()) {
    return 'must not be the same as the username';
  }
  return null;
}
