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

/**
 * The passwords that would equal a username under {@link passwordProblem}, as far as a stored hash can
 * tell: a hash is checked one candidate at a time, so a changed username is tried as given, in lower
 * and in upper case (the ways people write their name as a password), never every mix of cases. None
 * when no password of the policy's length could equal it, so no slow hash check is needed.
 */
export function passwordsEqualToUsername(username: string): string[] {
  if (username.length < PASSWORD_MIN_LENGTH || username.length > PASSWORD_MAX_LENGTH) return [];
  return [...new Set([username, username.toLowerCase(), username.toUpperCase()])];
}

/**
 * Whether a stored argon2 PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`, parameters in any order, as
 * different libraries write them) was made with other settings than {@link ARGON2ID_COST}, so the next
 * successful login should replace it. A string that is not an argon2 hash at all is left alone (false).
 */
export function argon2idHashIsOutdated(hash: string): boolean {
  const match = /^\$(argon2(?:id|i|d))\$(?:v=(\d+)\$)?([^$]+)\$[^$]+\$[^$]+$/.exec(hash);
  if (!match) return false;
  const [, algorithm, version, paramList] = match;
  const params = new Map(paramList!.split(',').map((pair) => pair.split('=', 2) as [string, string]));
  return (
    algorithm !== 'argon2id' ||
    version !== '19' ||
    Number(params.get('m')) !== ARGON2ID_COST.memoryCost ||
    Number(params.get('t')) !== ARGON2ID_COST.timeCost ||
    Number(params.get('p')) !== ARGON2ID_COST.parallelism
  );
}
