import { confusableScriptMix } from './scripts.js';
import { hiddenCharacterProblem } from './visible-text.js';

/**
 * The one form in which usernames are compared (API.md §6): lookup, uniqueness, brute-force counters and
 * unblock all use it, so no two of them can disagree about whether two spellings are the same name.
 *
 * NFKC first (full-width letters, ligatures and composed/decomposed accents become one form), then a full
 * case fold, then NFKC again because case mapping can leave a string unnormalized. JavaScript has no case
 * fold of its own; lower-, upper- then lower-casing gives the full folding (ß and ẞ → ss, ﬀ → ff: ẞ must
 * become ß before upper-casing can expand it) except for the final sigma, which lower-casing keeps by
 * context and folding maps to σ. U+0130 (İ) folds to i + U+0307, as Unicode's CaseFolding.txt says:
 * "İrise" is not "irise", for every one of those purposes alike. Surrounding white space is no part of a
 * name (the schemas trim what is stored; a login may arrive untrimmed), trimmed after NFKC, which can turn
 * a compatibility character into a space (U+FE70 → space + fathatan).
 */
export function normalizeUsername(username: string): string {
  return username
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .toUpperCase()
    .toLowerCase()
    .replaceAll('ς', 'σ')
    .normalize('NFKC');
}

/** Whether two spellings name the same user: equal once normalized ({@link normalizeUsername}). */
export function sameUsername(a: string, b: string): boolean {
  return normalizeUsername(a) === normalizeUsername(b);
}

/**
 * The most bytes (UTF-8) a normalized username may take. 250 characters are at most 1,000 bytes, so this
 * refuses only names that NFKC expands (ﷺ alone becomes 18 letters): the normalized form is what the
 * uniqueness index holds, and an index entry may not exceed PostgreSQL's limit (about 2,700 bytes).
 */
export const USERNAME_KEY_MAX_BYTES = 1000;

/**
 * Why a new username (of an end user or an operator) is refused, or null: no invisible or direction-control
 * characters (a username is compared, never shaped, so not even joiners), no confusable mix of scripts (UTS
 * #39), and a normalized form of bounded size. Lengths and control characters are the schemas' to check.
 */
export function usernameProblem(username: string): string | null {
  const hidden = hiddenCharacterProblem(username, { shaping: false });
  if (hidden) return hidden;
  const key = normalizeUsername(username);
  const mix = confusableScriptMix(key);
  if (mix) {
    return `must not mix letters of ${mix.join(' and ')} scripts, which can look alike; write it in one script`;
  }
  if (new TextEncoder().encode(key).length > USERNAME_KEY_MAX_BYTES) {
    return `is too long once normalized (NFKC): at most ${USERNAME_KEY_MAX_BYTES} bytes of UTF-8`;
  }
  return null;
}
