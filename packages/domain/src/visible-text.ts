/**
 * Characters that hide or disguise what a person reads (issue 14, item 9). A name with a zero-width space
 * looks like one without it; a right-to-left override makes `ux.\u202Egnp.exe` show as "ux.exe.png".
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
const DIRECTION_CONTROL = /\p{Bidi_Control}/u;
/** Nothing beyond ASCII (a control character is ASCII too: the schemas refuse those on their own). */
const ASCII = /^[^\u0080-\u{10FFFF}]*$/u;

/**
 * The default-ignorable characters that written language needs inside a display name: the joiners
 * (U+200C, U+200D: Persian, the Indic scripts, emoji sequences such as 👩‍💻), the variation selectors (❤️ is
 * U+2764 U+FE0F) and the tag characters of subdivision flags (🏴󠁧󠁢󠁳󠁣󠁴󠁿). None of them is allowed in a username,
 * which is compared rather than read.
 */
function isShaping(character: string): boolean {
  const code = character.codePointAt(0)!;
  return (
    code === 0x200c ||
    code === 0x200d ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    (code >= 0xe0020 && code <= 0xe007f) ||
    (code >= 0xe0100 && code <= 0xe01ef)
  );
}

/** `U+202E`: how a message names a character a person cannot see. */
export function codePointLabel(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why the text holds a character that is invisible or changes the direction of text, or null. */
export function hiddenCharacterProblem(text: string, options: { shaping: boolean }): string | null {
  // No ASCII character is invisible or a direction control: most names need no look at each character.
  if (ASCII.test(text)) return null;
  for (const character of text) {
    if (DIRECTION_CONTROL.test(character)) {
      return `must not contain characters that change the direction of text (${codePointLabel(character)})`;
    }
    if (INVISIBLE.test(character) && !(options.shaping && isShaping(character))) {
      return `must not contain invisible characters (${codePointLabel(character)})`;
    }
  }
  return null;
}

/**
 * Why a name people read (a user's name; a group, tenant, environment, account, application, role or API
 * key name) is refused, or null: no direction controls, no invisible characters but those writing needs,
 * and something visible besides them.
 */
export function displayNameProblem(name: string): string | null {
  const hidden = hiddenCharacterProblem(name, { shaping: true });
  if (hidden) return hidden;
  if ([...name].every((character) => isShaping(character) || /\s/u.test(character))) {
    return 'must contain a visible character';
  }
  return null;
}

/**
 * Why PostgreSQL text cannot store a string as sent, or null. NUL is refused by PostgreSQL (a 500
 * before this check); an unpaired surrogate would be stored as U+FFFD, silently not what was sent.
 */
export function unstorableText(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters (U+0000)';
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) {
    return 'must be valid Unicode text (it holds an unpaired surrogate)';
  }
  return null;
}
