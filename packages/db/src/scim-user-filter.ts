import {
  type AttributeSpec,
  compareValue,
  isPresentValue,
  literalForm,
  MULTI_VALUED,
  type ScimElementField,
  type ScimElementFilter,
  type ScimLiteral,
  type ScimMultiValued,
  type ScimUserField,
  type ScimUserFilter,
  type ScimUserSortKey,
  type CompareOperator,
  USER_FIELDS,
} from '@roster/domain';
import { asciiLowerSql } from './username-columns.js';

/**
 * SCIM filters on Users (RFC 7644 §3.4.2.2) as parameterized PostgreSQL over end_users, from the resolved AST
 * of @roster/domain (parseScimUserFilter): the attribute map and the comparison rules are documented there and
 * in docs/scim.md "Filters"; matchesScimUserFilter is the reference this SQL is property-tested against
 * (scim-user-filter.property.test.ts). Values are only ever parameters ($n), never SQL text.
 *
 * Every fragment is two-valued: a comparison reads `(present AND comparison)`, where `present` tests the column
 * for NULL (and '', which SCIM treats as unassigned) and the comparison is then never NULL, so SQL's unknown
 * cannot reach a NOT. Constant sub-attributes (emails.type is "work") are decided here, with the domain's own
 * comparison, and become TRUE or FALSE.
 *
 * Indexes (scim-user-filter-plans.test.ts): `userName eq` compares username_key, the unique index's column
 * (end_users_username_key); `emails.value eq` compares end_users_email_key_idx's expression
 * translate(email, 'A…Z', 'a…z'). Under roster_api, row-level security lets only leakproof conditions become
 * index conditions: username_key = $n seeks; translate() is not leakproof, so an e-mail address (like LIKE
 * on co/sw/ew and externalId, which has no index) is filtered within the tenant's index range.
 */

/** Accumulates the parameters of a statement: `add` returns the placeholder of a new one. */
class Parameters {
  constructor(private readonly values: unknown[]) {}

  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** LIKE's metacharacters (%, _ and the escape \) taken literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** Where a value lives in SQL: its compared form, when it is present, and (ids) the uuid column for eq/ne. */
type Column =
  | { kind: 'string'; compared: string; present: string; uuid?: string }
  | { kind: 'boolean' | 'dateTime'; sql: string }
  | { kind: 'constant'; value: string | boolean };

const textPresent = (sql: string) => `${sql} IS NOT NULL AND ${sql} <> ''`;

function userColumn(alias: string, field: ScimUserField): Column {
  const a = alias;
  switch (field) {
    case 'id':
      return { kind: 'string', compared: `${a}.id::text`, present: 'TRUE', uuid: `${a}.id` };
    case 'externalId':
      return { kind: 'string', compared: `${a}.external_id`, present: textPresent(`${a}.external_id`) };
    case 'userName':
      // username_key is normalizeUsername(username), what the domain compares userName in.
      return { kind: 'string', compared: `${a}.username_key`, present: textPresent(`${a}.username_key`) };
    case 'displayName':
      return { kind: 'string', compared: asciiLowerSql(`${a}.name`), present: textPresent(`${a}.name`) };
    case 'active':
      return { kind: 'boolean', sql: `${a}.is_active` };
    case 'created':
      return { kind: 'dateTime', sql: `${a}.created_at` };
    case 'lastModified':
      return { kind: 'dateTime', sql: `${a}.updated_at` };
    case 'resourceType':
      return { kind: 'constant', value: 'User' };
  }
}

/** Where one value of a multi-valued attribute lives, given the SQL that says it exists. */
interface Multi {
  /** The condition that the user has a value (emails, phones), or the table rows hold one (groups). */
  exists: string;
  column(field: ScimElementField): Column;
  /** Wraps the element condition (groups: in an EXISTS over the memberships). */
  wrap(condition: string): string;
}

function multi(alias: string, attribute: ScimMultiValued): Multi {
  const spec = MULTI_VALUED[attribute];
  const constant = (field: ScimElementField): Column => ({ kind: 'constant', value: spec[field]!.constant! });
  if (attribute === 'groups') {
    const m = `${alias}_m`;
    const members = `SELECT 1 FROM group_members ${m} WHERE ${m}.tenant_id = ${alias}.tenant_id AND ${m}.user_id = ${alias}.id`;
    return {
      exists: `EXISTS (${members})`,
      column: (field) =>
        field === 'value'
          ? { kind: 'string', compared: `${m}.group_id::text`, present: 'TRUE', uuid: `${m}.group_id` }
          : constant(field),
      wrap: (condition) => `EXISTS (${members} AND ${condition})`,
    };
  }
  const sql = `${alias}.${attribute === 'emails' ? 'email' : 'mobile_phone'}`;
  const exists = `(${textPresent(sql)})`;
  return {
    exists,
    // The email's compared form is end_users_email_key_idx's expression, character for character; the value is
    // present wherever an element condition is evaluated (inside wrap's `exists`).
    column: (field) =>
      field === 'value' ? { kind: 'string', compared: asciiLowerSql(sql), present: 'TRUE' } : constant(field),
    wrap: (condition) => `(${exists} AND ${condition})`,
  };
}

const SQL_OPERATORS: Record<CompareOperator, string> = {
  eq: '=',
  ne: '<>',
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
  co: 'LIKE',
  sw: 'LIKE',
  ew: 'LIKE',
};

const bool = (value: boolean) => (value ? 'TRUE' : 'FALSE');

function present(column: Column, spec: AttributeSpec): string {
  switch (column.kind) {
    case 'string':
      return `(${column.present})`;
    case 'constant':
      return bool(isPresentValue(spec, column.value));
    default:
      return 'TRUE'; // is_active, created_at and updated_at are NOT NULL.
  }
}

function compare(
  column: Column,
  spec: AttributeSpec,
  op: CompareOperator,
  literal: ScimLiteral,
  params: Parameters,
): string {
  if (column.kind === 'constant') return bool(compareValue(spec, op, column.value, literal));
  if (column.kind === 'boolean' && literal.type === 'boolean') {
    return `${column.sql} ${SQL_OPERATORS[op]} ${params.add(literal.value, '::boolean')}`;
  }
  if (column.kind === 'dateTime' && literal.type === 'dateTime') {
    return `${column.sql} ${SQL_OPERATORS[op]} ${params.add(literal.value.iso, '::timestamptz')}`;
  }
  if (column.kind !== 'string' || literal.type !== 'string') {
    throw new Error(`a ${literal.type} literal cannot reach a ${column.kind} column: the parser checks types`);
  }
  const value = literalForm(spec.matching ?? 'exact', op, literal.value);
  const guarded = (condition: string) =>
    column.present === 'TRUE' ? condition : `(${column.present} AND ${condition})`;
  if (column.uuid && (op === 'eq' || op === 'ne')) {
    // Ids compare exactly as text; only the canonical (lower-case) spelling of a uuid equals one.
    if (!UUID.test(value)) return bool(op === 'ne');
    return `${column.uuid} ${SQL_OPERATORS[op]} ${params.add(value, '::uuid')}`;
  }
  switch (op) {
    case 'eq':
      // No present value is '' (isPresentString).
      return value === '' ? 'FALSE' : guarded(`${column.compared} = ${params.add(value)}`);
    case 'ne':
      return guarded(`${column.compared} <> ${params.add(value)}`);
    case 'co':
      return guarded(`${column.compared} LIKE ${params.add(`%${likeLiteral(value)}%`)}`);
    case 'sw':
      return guarded(`${column.compared} LIKE ${params.add(`${likeLiteral(value)}%`)}`);
    case 'ew':
      return guarded(`${column.compared} LIKE ${params.add(`%${likeLiteral(value)}`)}`);
    default:
      // Code point order, as the domain's compareCodePoints: UTF-8 bytes, whatever the database's collation.
      return guarded(`${column.compared} COLLATE "C" ${SQL_OPERATORS[op]} ${params.add(value)}`);
  }
}

function logical<F>(kind: 'and' | 'or', filters: F[], each: (filter: F) => string): string {
  return `(${filters.map(each).join(kind === 'and' ? ' AND ' : ' OR ')})`;
}

function elementSql(m: Multi, attribute: ScimMultiValued, filter: ScimElementFilter, params: Parameters): string {
  const spec = MULTI_VALUED[attribute];
  switch (filter.kind) {
    case 'and':
    case 'or':
      return logical(filter.kind, filter.filters, (part) => elementSql(m, attribute, part, params));
    case 'not':
      return `(NOT ${elementSql(m, attribute, filter.filter, params)})`;
    case 'present':
      return present(m.column(filter.field), spec[filter.field]!);
    case 'compare':
      return compare(m.column(filter.field), spec[filter.field]!, filter.op, filter.value, params);
  }
}

function filterSql(filter: ScimUserFilter, alias: string, params: Parameters): string {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return logical(filter.kind, filter.filters, (part) => filterSql(part, alias, params));
    case 'not':
      return `(NOT ${filterSql(filter.filter, alias, params)})`;
    case 'present':
      return present(userColumn(alias, filter.field), USER_FIELDS[filter.field]);
    case 'compare':
      return compare(userColumn(alias, filter.field), USER_FIELDS[filter.field], filter.op, filter.value, params);
    case 'some': {
      const m = multi(alias, filter.attribute);
      return filter.filter ? m.wrap(elementSql(m, filter.attribute, filter.filter, params)) : m.exists;
    }
  }
}

/**
 * The condition of a parsed SCIM filter on the end users `alias`, its values appended to `params` (placeholders
 * $n continue from params.length). The tenant is the caller's: its own condition and row-level security.
 */
export function scimUserFilterSql(filter: ScimUserFilter, alias: string, params: unknown[]): string {
  return filterSql(filter, alias, new Parameters(params));
}

/**
 * The whole WHERE fragment of a SCIM Users query: registered end users only (anonymous ones are no SCIM users)
 * and, when given, the filter. The caller adds the tenant (`alias.tenant_id = $n`; RLS holds it there anyway).
 */
export function scimUserWhereSql(filter: ScimUserFilter | null, alias: string, params: unknown[]): string {
  const registered = `${alias}.kind = 'registered'`;
  return filter ? `${registered} AND ${scimUserFilterSql(filter, alias, params)}` : registered;
}

/**
 * ORDER BY for `sortBy`/`sortOrder` (RFC 7644 §3.4.2.3), id last for a total order. Strings sort in the form
 * they are compared in (userName: username_sort, the normalized name's first 100 characters, on the users list's
 * index; others A–Z folded, caseExact=false); a missing value ('' or NULL) sorts last in either order.
 */
export function scimUserOrderBySql(
  sortBy: ScimUserSortKey,
  sortOrder: 'ascending' | 'descending',
  alias: string,
): string {
  const direction = sortOrder === 'descending' ? 'DESC' : 'ASC';
  const a = alias;
  const key: Record<ScimUserSortKey, string> = {
    userName: `${a}.username_sort`,
    displayName: `nullif(${asciiLowerSql(`${a}.name`)}, '')`,
    externalId: `nullif(${a}.external_id, '')`,
    created: `${a}.created_at`,
    lastModified: `${a}.updated_at`,
    emails: `nullif(${asciiLowerSql(`${a}.email`)}, '')`,
  };
  return `${key[sortBy]} ${direction} NULLS LAST, ${a}.id ${direction}`;
}
