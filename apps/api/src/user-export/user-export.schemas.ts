import { USER_EXPORT_COLUMNS, USER_EXPORT_FORMATS } from '@roster/db';
import { z } from 'zod';
import { userListQuerySchema } from '../users/user.schemas.js';

/** The users list's filters and sort (userListQuerySchema) without its paging, and the file's format. */
export const userExportQuerySchema = userListQuerySchema
  .omit({ limit: true, cursor: true, includeTotal: true })
  .extend({
    format: z
      .enum(USER_EXPORT_FORMATS, { message: 'must be csv or jsonl' })
      .default('csv')
      .describe('`csv` (default) or `jsonl` (JSON Lines)'),
  })
  .strict();
export type UserExportQuery = z.output<typeof userExportQuerySchema>;

/** What each format is sent as. */
export const EXPORT_CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson',
} as const;

const COLUMNS = USER_EXPORT_COLUMNS.map((column) => `\`${column}\``).join(', ');

/**
 * The contract of the file, for the OpenAPI description (and so for the import that reads it back). Kept beside
 * the SQL that writes it: packages/db user-export.repository.ts.
 */
export const EXPORT_DESCRIPTION = [
  'Streams every user of the tenant that the users list would show with the same filters (`search`, `isActive`, ' +
    '`kind`, `licenseClass`, `groupId`, `roleKey`, `roleSource`, `lastLoginBefore`, `lastLoginAfter`), in its ' +
    '`sort` order (default `username`), as one file read from one consistent snapshot of the database. Never a ' +
    'password or a hash.',
  `Fields, in this order: ${COLUMNS}. \`groups\` are the names of the groups the user is in (by name), \`roles\` ` +
    'the keys of the roles granted to the user directly (by key; roles held through a group are in the group). ' +
    '`licenseClass` is what the user counts as now, as in the list. Times are ISO 8601 UTC with milliseconds.',
  '**CSV** (`format=csv`, the default; `text/csv; charset=utf-8`, UTF-8 without a byte-order mark): a header row ' +
    'with the field names, then one record per user, CRLF line ends, comma-separated (RFC 4180). Every text ' +
    'field (`username`, `name`, `email`, `mobilePhone`, `externalId`, `groups`, `roles`) is enclosed in double ' +
    'quotes with its quotes doubled, and may hold commas, semicolons and line breaks; an **empty, unquoted** field ' +
    'is a missing value (`null`, or no groups/roles), as no stored text is empty. `isActive` is `true` or ' +
    '`false`. A multi-valued field (`groups`, `roles`) joins its values with `;`, each value with `\\` written ' +
    '`\\\\` and `;` written `\\;` (so a group named `R&D; Ops` appears as `R&D\\; Ops`): split on the `;` not ' +
    'preceded by an escaping `\\`, then replace `\\x` by `x`.',
  '**Formula protection** (CSV only): a text field whose value begins with `=`, `+`, `-`, `@`, a tab, a carriage ' +
    "return or `'` is written with one `'` in front (`=SUM(A1)` → `'=SUM(A1)`, `+1 555 0100` → " +
    "`'+1 555 0100`), so that a spreadsheet shows it as text instead of running it. The value itself is " +
    "unchanged: a reader removes the first character of every text field that begins with `'`, before " +
    'splitting a multi-valued one. JSON Lines carry the values as they are.',
  '**JSON Lines** (`format=jsonl`, `application/x-ndjson`): one compact JSON object per line (LF), with the ' +
    'fields above as keys (`null` for a missing value), `groups` and `roles` as arrays of strings.',
  'The file is sent as an attachment, `users-<tenant name>-<date>.csv` (or `.jsonl`): the tenant’s name reduced to ' +
    'letters, digits and dashes (its id when nothing is left), and the UTC date. Errors found before the first ' +
    'byte (a bad filter, an unknown group or role) answer problem+json as usual; a failure later cuts the ' +
    'response short (the chunked body never ends properly). At most three exports run at once per API instance ' +
    '(429 with `Retry-After` beyond that); a client that reads nothing for a minute is disconnected.',
].join('\n\n');
