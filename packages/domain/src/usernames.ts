/**
 * The one form in which usernames are compared (API.md §6): lookup, uniqueness, brute-force counters and
 * unblock all use it, so no two of them can disagree about whether two spellings are the same name.
 *
 * NFKC first (full-width letters, ligatures and composed/decomposed accents become one form), then a full
 * case fold, then NFKC again because case mapping can leave a string unnormalized. JavaScript has no case
 * fold of its own; upper- then lower-casing gives the full folding (ß and ẞ → ss, ﬀ → ff) except for the
 * final sigma, which lower-casing keeps by context and folding maps to σ. U+0130 (İ) folds to i + U+0307,
 * as Unicode's CaseFolding.txt says: "İrise" is not "irise", for every one of those purposes alike.
 */
export function normalizeUsername(username: string): string {
  return username.normalize('NFKC').toUpperCase().toLowerCase().replaceAll('ς', 'σ').normalize('NFKC');
}
