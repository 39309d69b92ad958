import type { EntityManager } from 'typeorm';
import { EndUser } from '../entities/end-user.entity.js';
import { licenseClassSql, TENANT_LICENSE_SETTINGS } from '../license-class-sql.js';
import { TenantScopedRepository } from '../tenant-scoped.js';
import type { Statement } from '../unit-of-work/bound-transaction.js';
import {
  bindLicenseSettings,
  filterUsers,
  isoTime,
  USER_SORT_ORDERS,
  type UserListFilter,
  type UserSort,
} from './end-user-list.js';
import { found } from './errors.js';

export const USER_EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type UserExportFormat = (typeof USER_EXPORT_FORMATS)[number];

/** The fields of an exported user, in the order of the CSV's columns and of each JSON line's keys. */
export const USER_EXPORT_COLUMNS = [
  'id',
  'username',
  'name',
  'email',
  'mobilePhone',
  'externalId',
  'kind',
  'isActive',
  'licenseClass',
  'createdAt',
  'updatedAt',
  'lastLoginAt',
  'groups',
  'roles',
] as const;

/** The CSV's first line. */
export const USER_EXPORT_CSV_HEADER = `${USER_EXPORT_COLUMNS.join(',')}\r\n`;

/**
 * One value of a multi-valued CSV cell (a group's name, a role's key), escaped so that the cell splits back
 * unambiguously: a backslash before every `\` and every `;`, then the values joined with `;`.
 */
const cellValue = (value: string) => String.raw`replace(replace(${value}, '\', '\\'), ';', '\;')`;

/**
 * A text field of the CSV (RFC 4180): always quoted, its quotes doubled, so an empty cell is always a missing value
 * (NULL; no stored text is empty) and a field with a comma, a `;` or a line break never splits, whatever separator
 * a spreadsheet assumes. A value that begins with `=`, `+`, `-`, `@`, a tab or a carriage return (what spreadsheets
 * read as a formula) or with `'` gets one `'` in front: the formula is shown as text, and an import takes the first
 * character off every quoted field that begins with `'` to get the value back exactly.
 */
const csvText = (value: string) =>
  `coalesce('"' || CASE WHEN left(${value}, 1) IN ('=', '+', '-', '@', chr(9), chr(13), '''') THEN '''' ELSE '' END ` +
  `|| replace(${value}, '"', '""') || '"', '')`;

/**
 * The tenant's users' group names (name order) and directly granted role keys (key order), one row per user. A
 * grant past its expiry is no longer held, even before the worker's job removes it (now(): the export's snapshot).
 */
function membershipsSql(format: UserExportFormat): { groups: string; roles: string } {
  const csv = format === 'csv';
  const groupNames = csv
    ? `string_agg(${cellValue('g.name')}, ';' ORDER BY lower(g.name), g.name)`
    : 'to_json(array_agg(g.name ORDER BY lower(g.name), g.name))';
  const roleKeys = csv
    ? `string_agg(${cellValue('r.key')}, ';' ORDER BY r.key)`
    : 'to_json(array_agg(r.key ORDER BY r.key))';
  // Aggregated once for the tenant and hash-joined: a subquery per user (two index lookups and a join each) cost
  // four times the whole export at 186,000 users. The price is a sort of the output, spilled to disk past work_mem.
  return {
    groups: `(SELECT m.user_id, ${groupNames} AS names
       FROM group_members m JOIN user_groups g ON g.tenant_id = m.tenant_id AND g.id = m.group_id
      WHERE m.tenant_id = :scopeTenantId
      GROUP BY m.user_id)`,
    roles: `(SELECT ur.user_id, ${roleKeys} AS keys
       FROM user_roles ur JOIN roles r ON r.environment_id = ur.environment_id AND r.id = ur.role_id
      WHERE ur.tenant_id = :scopeTenantId AND (ur.expires_at IS NULL OR ur.expires_at > now())
      GROUP BY ur.user_id)`,
  };
}

const LICENSE_CLASS = licenseClassSql(TENANT_LICENSE_SETTINGS);

/** One CSV line per user, CRLF-terminated; every cell non-NULL, so concat_ws never drops one. */
const CSV_LINE = `concat_ws(',',
  CAST(u.id AS text), ${csvText('u.username')}, ${csvText('u.name')}, ${csvText('u.email')},
  ${csvText('u.mobile_phone')}, ${csvText('u.external_id')}, u.kind, CAST(u.is_active AS text), ${LICENSE_CLASS},
  ${isoTime('u.created_at')}, ${isoTime('u.updated_at')}, coalesce(${isoTime('u.last_login_at')}, ''),
  ${csvText('gs.names')}, ${csvText('rs.keys')}) || chr(13) || chr(10)`;

/** One JSON object per user and line (row_to_json writes it compact, never with a line break in it). */
const JSON_LINE = `(SELECT CAST(row_to_json(r) AS text) FROM (SELECT
  u.id, u.username, u.name, u.email, u.mobile_phone AS "mobilePhone", u.external_id AS "externalId", u.kind,
  u.is_active AS "isActive", ${LICENSE_CLASS} AS "licenseClass", ${isoTime('u.created_at')} AS "createdAt",
  ${isoTime('u.updated_at')} AS "updatedAt", ${isoTime('u.last_login_at')} AS "lastLoginAt",
  coalesce(gs.names, '[]') AS groups, coalesce(rs.keys, '[]') AS roles) r) || chr(10)`;

/**
 * A tenant's users as export files (API.md §10): the statement whose rows are the lines of the file, built by
 * PostgreSQL so that the API only passes text on (ScopedWork.stream runs it from a cursor).
 */
export class UserExportRepository extends TenantScopedRepository<EndUser> {
  constructor(manager: EntityManager, tenantId: string) {
    super(manager, EndUser, tenantId, 'User');
  }

  /** The tenant's name, for the file's name. */
  async tenantName(): Promise<string> {
    const rows: { name: string }[] = await this.manager.query('SELECT name FROM tenants WHERE id = $1', [
      this.tenantId,
    ]);
    return found(rows[0], 'Tenant', this.tenantId).name;
  }

  /**
   * The users the list would show for `filter`, in the list's `sort` order (id breaking ties), one line each in
   * `format`: a single text column, `line`, terminator included. The CSV header is not part of it.
   */
  statement(filter: UserListFilter, format: UserExportFormat, sort: UserSort): Statement {
    const order = USER_SORT_ORDERS[sort];
    const direction = 'descending' in order && order.descending ? 'DESC' : 'ASC';
    const memberships = membershipsSql(format);
    const query = filterUsers(bindLicenseSettings(this.query('u'), this.tenantId), this.tenantId, filter)
      .leftJoin(memberships.groups, 'gs', 'gs.user_id = u.id')
      .leftJoin(memberships.roles, 'rs', 'rs.user_id = u.id')
      .select(format === 'csv' ? CSV_LINE : JSON_LINE, 'line')
      .orderBy(order.expression, direction)
      .addOrderBy(order.idColumn, direction);
    const [text, parameters] = query.getQueryAndParameters();
    return { text, parameters };
  }
}
