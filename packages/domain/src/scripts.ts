/**
 * Mixed-script detection for usernames, after Unicode's UTS #39 §5.2 ("Moderately Restrictive"): a username
 * may be written in one script, in Latin with Han, Hiragana and Katakana (Japanese), with Han and Bopomofo
 * (Chinese) or with Han and Hangul (Korean), or in Latin with one other script except Cyrillic and Greek, whose
 * letters pass for Latin ones (Cyrillic `а` in `аda`). Common characters (digits, punctuation, emoji) and
 * inherited ones (combining marks) go with every script.
 */

/** UTS #31's Recommended scripts; a character of any other script counts as one script, `Other`. */
const RECOMMENDED_SCRIPTS = [
  'Arabic',
  'Armenian',
  'Bengali',
  'Bopomofo',
  'Cyrillic',
  'Devanagari',
  'Ethiopic',
  'Georgian',
  'Greek',
  'Gujarati',
  'Gurmukhi',
  'Han',
  'Hangul',
  'Hebrew',
  'Hiragana',
  'Kannada',
  'Katakana',
  'Khmer',
  'Lao',
  'Latin',
  'Malayalam',
  'Myanmar',
  'Oriya',
  'Sinhala',
  'Tamil',
  'Telugu',
  'Thaana',
  'Thai',
  'Tibetan',
] as const;

const SCRIPT_PATTERNS = RECOMMENDED_SCRIPTS.map(
  (script) => [script, new RegExp(`\\p{Script_Extensions=${script}}`, 'u')] as const,
);
const COMMON_OR_INHERITED = /^[\p{Script=Common}\p{Script=Inherited}]$/u;
/** Nothing beyond ASCII (a control character is ASCII too: the schemas refuse those on their own). */
const ASCII = /^[^\u0080-\u{10FFFF}]*$/u;

/** The sets of scripts that may share one username besides a single script (UTS #39 §5.2). */
const ALLOWED_COMBINATIONS: readonly (readonly string[])[] = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
  ...RECOMMENDED_SCRIPTS.filter((script) => !['Latin', 'Cyrillic', 'Greek'].includes(script)).map((script) => [
    'Latin',
    script,
  ]),
];

/** The scripts a character is used with (its Script_Extensions), or null for Common and Inherited ones. */
function scriptsOf(character: string): string[] | null {
  if (COMMON_OR_INHERITED.test(character)) return null;
  const scripts = SCRIPT_PATTERNS.filter(([, pattern]) => pattern.test(character)).map(([script]) => script);
  return scripts.length > 0 ? scripts : ['Other'];
}

/** The scripts of a text's characters, each character's extensions as one entry (Common and Inherited left out). */
function characterScripts(text: string): string[][] {
  const result: string[][] = [];
  for (const character of text) {
    const scripts = scriptsOf(character);
    if (scripts) result.push(scripts);
  }
  return result;
}

/** Whether every character can be read as one of these scripts. */
const coveredBy = (characters: string[][], scripts: readonly string[]) =>
  characters.every((options) => options.some((script) => scripts.includes(script)));

/**
 * The scripts a username mixes confusably (for the message), or null when it is single-script or one of the
 * combinations above.
 */
export function confusableScriptMix(text: string): string[] | null {
  // ASCII is Latin and Common alone: nothing to mix (most usernames; an import checks a million of them).
  if (ASCII.test(text)) return null;
  const characters = characterScripts(text);
  const candidates = new Set(characters.flat());
  if ([...candidates].some((script) => coveredBy(characters, [script]))) return null;
  if (ALLOWED_COMBINATIONS.some((combination) => coveredBy(characters, combination))) return null;
  return [...new Set(characters.map((options) => options[0]!))];
}
