/** Field rules for end users (API.md §5). */
export const USERNAME_MAX_LENGTH = 250;
export const PERSON_NAME_MAX_LENGTH = 200;
export const EMAIL_MAX_LENGTH = 320;
export const MOBILE_PHONE_MAX_LENGTH = 20;
export const EXTERNAL_ID_MAX_LENGTH = 250;
export const BULK_MAX_USERS = 1000;

/** Digits, spaces and `+ ( ) -`, with at least one digit. */
export const MOBILE_PHONE_PATTERN = /^(?=.*\d)[\d +()-]+$/;

/**
 * An e-mail address as mail systems write them: a local part of ASCII letters, digits and `_ ' + - .` (no dot
 * first, last or twice in a row), `@`, then dot-separated labels of letters, digits and hyphens ending in a
 * top-level domain of two letters or more. Quoted local parts, address literals and non-ASCII addresses are
 * refused: few systems deliver to them, and a typo is the likelier reason for one.
 */
export const EMAIL_PATTERN = /^(?!\.)(?!.*\.\.)[\w'+.-]*[\w+-]@(?:[a-z\d][a-z\d-]*\.)+[a-z]{2,}$/i;

/** Control characters have no place in names people type; refusing them keeps search separators unambiguous. */
export const CONTROL_CHARACTERS = /[\p{Cc}]/u;

export type EndUserKind = 'registered' | 'anonymous';

/** The fields that make a user a known person; an anonymous user holds none of them. */
export const PERSONAL_FIELDS = ['username', 'name', 'email', 'mobilePhone'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/**
 * The kind a user has after a change: giving an anonymous user credentials or personal data makes it
 * registered (DESIGN.md §2); a registered user never goes back to anonymous.
 */
export function kindAfterChange(
  current: EndUserKind,
  change: Partial<Record<PersonalField, string | null>>,
): EndUserKind {
  if (current === 'registered') return 'registered';
  return PERSONAL_FIELDS.some((field) => change[field] !== undefined && change[field] !== null)
    ? 'registered'
    : 'anonymous';
}
