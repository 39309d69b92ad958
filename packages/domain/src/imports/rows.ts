import { endUserProblems } from '../end-user-rules.js';
import { importedPasswordHashProblem } from '../imported-password-hashes.js';
import { KEY_PATTERN } from '../keys.js';
import { asciiLower } from '../usage.js';
import { normalizeUsername } from '../usernames.js';
import { unstorableText } from '../visible-text.js';
import { type ImportColumn, IMPORT_MAX_FIELD_LENGTH, IMPORT_MAX_VALUES } from './columns.js';
import { parseMultiValue } from './multi-values.js';

/**
 * One row of an import, read and checked on its own (issue 18) with the rules the users API applies to a new
 * user (endUserProblems: username rules with normalization and look-alike scripts, e-mail, mobile phone,
 * lengths). What needs the whole file or the tenant (duplicates, addresses taken, unknown groups and roles) is
 * checked afterwards in SQL, over every row at once.
 *
 * Values: a column left out (a key absent from a JSON object) leaves the field of an existing user as it is; a
 * value that is empty (or JSON null) clears it. `isActive` empty means "as it is" (true for a new user),
 * `passwordHash` empty means "no password given", and `groups`/`roles` only ever add.
 */

/** The fields a row can set on a user; `given` says which it sets. */
export const IMPORT_USER_FIELDS = ['name', 'email', 'mobilePhone', 'externalId', 'isActive', 'passwordHash'] as const;
export type ImportUserField = (typeof IMPORT_USER_FIELDS)[number];

export interface ImportRow {
  username: string | null;
  /** normalizeUsername(username): what matching and duplicates compare. */
  usernameKey: string | null;
  name: string | null;
  email: string | null;
  /** The e-mail address lower-cased (A–Z), as the tenant's addresses are compared. */
  emailKey: string | null;
  mobilePhone: string | null;
  externalId: string | null;
  isActive: boolean | null;
  passwordHash: string | null;
  /** Group names to add the user to, de-duplicated ignoring case. */
  groups: string[];
  /** Role keys to grant the user directly, de-duplicated. */
  roles: string[];
  /** The fields of IMPORT_USER_FIELDS the row sets (a cleared one too). */
  given: ImportUserField[];
}

/** What is wrong with one value of a row; `field` null when it is the row as a whole. */
export interface ImportRowError {
  field: string | null;
  message: string;
}

/** A row's values as the file has them: strings from CSV, JSON values from JSON Lines; undefined: not given. */
export type RawImportRow = Partial<Record<ImportColumn, unknown>>;

const BOOLEANS = new Map<string, boolean>([
  ['true', true],
  ['false', false],
  ['1', true],
  ['0', false],
  ['yes', true],
  ['no', false],
]);

/** `isActive` as a file writes it: true/false, 1/0, yes/no (any case); empty: not given; else undefined (wrong). */
export function parseImportBoolean(value: string): boolean | null | undefined {
  const key = value.trim().toLowerCase();
  if (key === '') return null;
  return BOOLEANS.get(key);
}

type Text = { value: string | null } | { error: string };

/** A text value: trimmed; empty or null clears; never longer than the file's limit, never unstorable. */
function text(raw: unknown): Text {
  if (raw === null) return { value: null };
  if (typeof raw !== 'string') return { error: 'must be text' };
  if (raw.length > IMPORT_MAX_FIELD_LENGTH) {
    return { error: `is longer than ${IMPORT_MAX_FIELD_LENGTH.toLocaleString('en-US')} characters` };
  }
  const unstorable = unstorableText(raw);
  if (unstorable) return { error: unstorable };
  if (raw.includes('\uFFFD')) return { error: 'is not valid UTF-8 text (or holds U+FFFD)' };
  const trimmed = raw.trim();
  return { value: trimmed === '' ? null : trimmed };
}

/** A list (a `;`-separated cell, or a JSON array of strings), de-duplicated by `key`. */
function list(raw: unknown, key: (value: string) => string): { values: string[] } | { error: string } {
  if (raw === undefined || raw === null) return { values: [] };
  let values: string[];
  if (Array.isArray(raw)) {
    if (!raw.every((value) => typeof value === 'string')) return { error: 'must be a list of text values' };
    const checked = raw.map((value) => text(value));
    const wrong = checked.find((value): value is { error: string } => 'error' in value);
    if (wrong) return wrong;
    values = checked.flatMap((value) => ('value' in value && value.value !== null ? [value.value] : []));
  } else {
    const cell = text(raw);
    if ('error' in cell) return cell;
    values = cell.value === null ? [] : parseMultiValue(cell.value);
  }
  const seen = new Map<string, string>();
  for (const value of values) if (!seen.has(key(value))) seen.set(key(value), value);
  if (seen.size > IMPORT_MAX_VALUES) return { error: `may list at most ${IMPORT_MAX_VALUES} values` };
  return { values: [...seen.values()] };
}

/** Reads and checks one row; a value with a problem is left out of the row (which then fails). */
export function readImportRow(raw: RawImportRow): { row: ImportRow; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const given: ImportUserField[] = [];
  const texts: Partial<Record<'username' | 'name' | 'email' | 'mobilePhone' | 'externalId', string | null>> = {};
  for (const field of ['username', 'name', 'email', 'mobilePhone', 'externalId'] as const) {
    if (raw[field] === undefined) continue;
    const read = text(raw[field]);
    if ('error' in read) errors.push({ field, message: read.error });
    else texts[field] = read.value;
    if (field !== 'username') given.push(field);
  }
  // The users API's own rules for a new user (a username is required): lengths, look-alike scripts, addresses.
  const invalid = new Set(errors.map((error) => error.field));
  for (const problem of endUserProblems(texts)) {
    if (invalid.has(problem.field)) continue;
    errors.push({ field: problem.field, message: problem.message });
    invalid.add(problem.field);
  }
  const valid = <F extends keyof typeof texts>(field: F) => (invalid.has(field) ? null : (texts[field] ?? null));

  let isActive: boolean | null = null;
  if (raw.isActive !== undefined && raw.isActive !== null) {
    const parsed = typeof raw.isActive === 'boolean' ? raw.isActive : parseIsActive(raw.isActive);
    if (parsed === undefined) {
      errors.push({ field: 'isActive', message: 'must be true or false (or 1/0, yes/no)' });
    } else if (parsed !== null) {
      isActive = parsed;
      given.push('isActive');
    }
  }

  let passwordHash: string | null = null;
  if (raw.passwordHash !== undefined) {
    const read = text(raw.passwordHash);
    if ('error' in read) {
      errors.push({ field: 'passwordHash', message: read.error });
    } else if (read.value !== null) {
      const problem = importedPasswordHashProblem(read.value);
      if (problem) errors.push({ field: 'passwordHash', message: problem });
      else {
        passwordHash = read.value;
        given.push('passwordHash');
      }
    }
  }

  const groups = list(raw.groups, (name) => name.toLowerCase());
  if ('error' in groups) errors.push({ field: 'groups', message: groups.error });
  const roles = list(raw.roles, (key) => key);
  if ('error' in roles) errors.push({ field: 'roles', message: roles.error });
  const roleKeys = 'values' in roles ? roles.values : [];
  const badKeys = roleKeys.filter((key) => !KEY_PATTERN.test(key));
  if (badKeys.length > 0) {
    errors.push({
      field: 'roles',
      message: `has ${badKeys.map((key) => `“${key}”`).join(', ')}, not a valid role key`,
    });
  }

  const username = valid('username');
  const email = valid('email');
  return {
    row: {
      username,
      usernameKey: username === null ? null : normalizeUsername(username),
      name: valid('name'),
      email,
      emailKey: email === null ? null : asciiLower(email),
      mobilePhone: valid('mobilePhone'),
      externalId: valid('externalId'),
      isActive,
      passwordHash,
      groups: 'values' in groups ? groups.values : [],
      roles: badKeys.length > 0 ? [] : roleKeys,
      given,
    },
    errors,
  };
}

function parseIsActive(raw: unknown): boolean | null | undefined {
  if (typeof raw !== 'string') return undefined;
  return parseImportBoolean(raw);
}
