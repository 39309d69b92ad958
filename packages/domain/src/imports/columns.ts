import { IMPORTED_HASH_FORMATS } from '../imported-password-hashes.js';

/**
 * The columns of a user import (API.md §10, issue 18): a CSV header row or the keys of each JSON Lines object,
 * matched ignoring case, in any order.
 */

/** The file formats an import reads, by the media type the upload names. */
export const IMPORT_MEDIA_TYPES = { 'text/csv': 'csv', 'application/x-ndjson': 'jsonl' } as const;
export type ImportMediaType = keyof typeof IMPORT_MEDIA_TYPES;
export type ImportFormat = (typeof IMPORT_MEDIA_TYPES)[ImportMediaType];

/** What a row may set. `username` is required; a column left out leaves that field of an existing user as it is. */
export const IMPORT_COLUMNS = [
  'username',
  'name',
  'email',
  'mobilePhone',
  'externalId',
  'isActive',
  'passwordHash',
  'groups',
  'roles',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/**
 * What the export writes besides the columns above: read-only facts, accepted and ignored so that an export
 * imports back as it is.
 */
export const IGNORED_IMPORT_COLUMNS = ['id', 'kind', 'licenseClass', 'createdAt', 'updatedAt', 'lastLoginAt'] as const;
export type IgnoredImportColumn = (typeof IGNORED_IMPORT_COLUMNS)[number];

/** The most rows a file may have. */
export const IMPORT_MAX_ROWS = 2_000_000;
/** The most characters one value of a file may have, as written (a name has its own, smaller limit). */
export const IMPORT_MAX_FIELD_LENGTH = 10_000;
/** The most characters one row (a CSV record, a JSON Lines line) may have. */
export const IMPORT_MAX_ROW_LENGTH = 100_000;
/** The most groups, and the most roles, one row may list. */
export const IMPORT_MAX_VALUES = 100;
/** How many errors an import's report shows (the error download has them all). */
export const IMPORT_ERRORS_SHOWN = 1000;

/** A problem with a whole file (a column nobody knows, a plain password column), at the line that shows it. */
export interface ImportFileProblem {
  line: number;
  field: string;
  message: string;
}

const KNOWN = new Map<string, ImportColumn | IgnoredImportColumn>(
  [...IMPORT_COLUMNS, ...IGNORED_IMPORT_COLUMNS].map((column) => [column.toLowerCase(), column]),
);

const KNOWN_LIST =
  `${IMPORT_COLUMNS.join(', ')}; and, ignored as an export writes them, ` + IGNORED_IMPORT_COLUMNS.join(', ');

/** Why a file with a `password` column is refused, in words a person can act on. */
export const PLAIN_PASSWORD_REFUSAL =
  'a plain `password` column is not imported: hashing a million passwords with argon2id takes hours. Send ' +
  `\`passwordHash\` with the hashes your system stores (${IMPORTED_HASH_FORMATS}); they are replaced by ` +
  'argon2id at each user’s next login. Or import without passwords and set them later (PUT …/users/:id/password).';

/**
 * The column a header (or a JSON key) names: a writable column, an ignored one, or a problem that refuses the file.
 */
export function importColumnOf(
  name: string,
): { column: ImportColumn; ignored: false } | { column: IgnoredImportColumn; ignored: true } | { problem: string } {
  const key = name.trim().toLowerCase();
  if (key === 'password') return { problem: PLAIN_PASSWORD_REFUSAL };
  const column = KNOWN.get(key);
  if (column === undefined) {
    const named = key === '' ? 'an empty column name' : `“${name.trim()}”, which is no column an import knows`;
    return { problem: `has ${named}; the columns are ${KNOWN_LIST}` };
  }
  return (IGNORED_IMPORT_COLUMNS as readonly string[]).includes(column)
    ? { column: column as IgnoredImportColumn, ignored: true }
    : { column: column as ImportColumn, ignored: false };
}

/**
 * A CSV header row, read: per position, the writable column it holds (null: an ignored one), or the problem that
 * refuses the whole file at line 1 (an unknown or duplicated column, a plain password, no username column).
 */
export function importHeader(names: readonly string[]): { columns: (ImportColumn | null)[] } | ImportFileProblem {
  const columns: (ImportColumn | null)[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const found = importColumnOf(name);
    if ('problem' in found) return { line: 1, field: name.trim(), message: `The header ${found.problem}.` };
    if (seen.has(found.column)) {
      return { line: 1, field: found.column, message: `The header names the column ${found.column} twice.` };
    }
    seen.add(found.column);
    columns.push(found.ignored ? null : found.column);
  }
  if (!seen.has('username')) {
    return { line: 1, field: 'username', message: 'The header has no username column, which every import needs.' };
  }
  return { columns };
}
