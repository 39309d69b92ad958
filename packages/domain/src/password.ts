/** Password policy (API.md §6), shared by operators and end users. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/** Returns why the password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username: string | null): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (username !== null && password.toLowerCase() === username.toLowerCase()) {
    return 'must not be the same as the username';
  }
  return null;
}
