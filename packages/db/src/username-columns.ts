import { normalizeUsername } from '@roster/domain';

/**
 * end_users.username_sort holds the first this-many characters of the normalized username: what the users
 * list sorts by. Bounded because the sort index entry also carries search_text (username, name and email,
 * up to 2,122 bytes) and an index entry may not exceed about 2,700 bytes; 100 characters are at most 400.
 * Usernames equal in their first 100 characters are listed by id (creation) among themselves.
 */
export const USERNAME_SORT_LENGTH = 100;

/** The columns derived from a username: the normalized key (lookup, uniqueness) and the sort prefix. */
export function usernameColumns(username: string | null): { usernameKey: string | null; usernameSort: string } {
  if (username === null) return { usernameKey: null, usernameSort: '' };
  const usernameKey = normalizeUsername(username);
  return { usernameKey, usernameSort: usernameSortOf(usernameKey) };
}

export function usernameSortOf(usernameKey: string): string {
  return [...usernameKey].slice(0, USERNAME_SORT_LENGTH).join('');
}

/** A–Z only (packages/domain's asciiLower): e-mail addresses are ASCII, and no locale may change the mapping. */
export const asciiLowerSql = (sql: string) =>
  `translate(${sql}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;

/** The form in which e-mail addresses are compared within a tenant (end_users_email_key_idx). */
export const emailKeySql = asciiLowerSql;
export const EMAIL_KEY_SQL = emailKeySql('email');
