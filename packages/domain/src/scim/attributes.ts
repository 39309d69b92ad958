/**
 * SCIM 2.0 filters on Users (RFC 7644 §3.4.2.2): the attribute map and the typed AST that the parser produces
 * and both the SQL builder (@roster/db) and the in-memory evaluator consume. Neither ever sees an attribute
 * name as typed: every path is resolved here, against this map, once.
 *
 * The mapping (issue 17; docs/scim.md "Filters"):
 *
 * | SCIM attribute                          | Roster (end_users)          | type     | compared                        |
 * |-----------------------------------------|-----------------------------|----------|---------------------------------|
 * | id                                      | id (uuid)                   | string   | exactly (caseExact)             |
 * | externalId                              | external_id                 | string   | exactly (caseExact)             |
 * | userName                                | username → username_key     | string   | normalizeUsername (NFKC + fold) |
 * | displayName, name.formatted             | name                        | string   | A–Z folded (caseExact=false)    |
 * | emails[.value], emails.type/.primary    | email as {value, "work", true} | multi | A–Z folded (end_users_email_key_idx) |
 * | phoneNumbers[.value], .type/.primary    | mobile_phone as {value, "mobile", true} | multi | A–Z folded            |
 * | groups[.value], groups.type             | group_members (value = group id, type "direct") | multi | exactly     |
 * | active                                  | is_active                   | boolean  |                                 |
 * | meta.created, meta.lastModified         | created_at, updated_at      | dateTime | as instants (microseconds)      |
 * | meta.resourceType                       | the constant "User"         | string   | exactly (caseExact)             |
 *
 * Why these folds: caseExact=false needs one case mapping that PostgreSQL and JavaScript apply identically,
 * whatever the database's LC_CTYPE. userName uses Roster's own username equivalence (the stored username_key),
 * so `userName eq` seeks the unique index and `sw`/`co`/`gt` agree with `eq` (ß, full-width letters). Names,
 * e-mail addresses and phone numbers fold A–Z only, exactly as end_users_email_key_idx does (PostgreSQL's
 * lower() follows the database locale; JavaScript's toLowerCase applies full Unicode mappings).
 *
 * Anonymous end users are not SCIM users: the SQL builder's WHERE fragment adds kind = 'registered'; the
 * evaluator is given SCIM users only.
 */

export const SCIM_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

export const COMPARE_OPERATORS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const;
export type CompareOperator = (typeof COMPARE_OPERATORS)[number];

export type ScimValueType = 'string' | 'boolean' | 'dateTime';

/**
 * How a string attribute's values are compared: `exact` as stored (caseExact), `ascii-fold` with A–Z lowered on
 * both sides, `username` through normalizeUsername (what username_key stores).
 */
export type StringMatching = 'exact' | 'ascii-fold' | 'username';

/** The single-valued attributes of a SCIM User that Roster can filter on. */
export type ScimUserField =
  'id' | 'externalId' | 'userName' | 'displayName' | 'active' | 'created' | 'lastModified' | 'resourceType';

/** The multi-valued attributes; each value is an element with the sub-attributes ScimElementField names. */
export type ScimMultiValued = 'emails' | 'phoneNumbers' | 'groups';
export type ScimElementField = 'value' | 'type' | 'primary';

export interface AttributeSpec {
  type: ScimValueType;
  /** For strings. */
  matching?: StringMatching;
  /** Sub-attributes whose value is the same for every element (emails.type is always "work"). */
  constant?: string | boolean;
  /** The operators allowed besides eq/ne/pr for this type (see OPERATORS_BY_TYPE). */
}

export const USER_FIELDS: Record<ScimUserField, AttributeSpec & { path: string }> = {
  id: { path: 'id', type: 'string', matching: 'exact' },
  externalId: { path: 'externalId', type: 'string', matching: 'exact' },
  userName: { path: 'userName', type: 'string', matching: 'username' },
  displayName: { path: 'displayName', type: 'string', matching: 'ascii-fold' },
  active: { path: 'active', type: 'boolean' },
  created: { path: 'meta.created', type: 'dateTime' },
  lastModified: { path: 'meta.lastModified', type: 'dateTime' },
  resourceType: { path: 'meta.resourceType', type: 'string', matching: 'exact', constant: 'User' },
};

export const MULTI_VALUED: Record<ScimMultiValued, Partial<Record<ScimElementField, AttributeSpec>>> = {
  emails: {
    value: { type: 'string', matching: 'ascii-fold' },
    type: { type: 'string', matching: 'ascii-fold', constant: 'work' },
    primary: { type: 'boolean', constant: true },
  },
  phoneNumbers: {
    value: { type: 'string', matching: 'ascii-fold' },
    type: { type: 'string', matching: 'ascii-fold', constant: 'mobile' },
    primary: { type: 'boolean', constant: true },
  },
  groups: {
    value: { type: 'string', matching: 'exact' },
    type: { type: 'string', matching: 'exact', constant: 'direct' },
  },
};

/** What each attribute type may be compared with (RFC 7644 §3.4.2.2: no ordering or substrings on booleans). */
export const OPERATORS_BY_TYPE: Record<ScimValueType, readonly CompareOperator[]> = {
  string: COMPARE_OPERATORS,
  boolean: ['eq', 'ne'],
  dateTime: ['eq', 'ne', 'gt', 'ge', 'lt', 'le'],
};

/**
 * An xsd:dateTime literal at microsecond precision (PostgreSQL's): epoch milliseconds plus the microseconds
 * within that millisecond, and the instant as UTC text that PostgreSQL reads back exactly.
 */
export interface ScimDateTime {
  epochMs: number;
  micros: number;
  iso: string;
}

export type ScimLiteral =
  { type: 'string'; value: string } | { type: 'boolean'; value: boolean } | { type: 'dateTime'; value: ScimDateTime };

/** A resolved filter on an element of a multi-valued attribute (inside `emails[…]`). */
export type ScimElementFilter =
  | { kind: 'and' | 'or'; filters: ScimElementFilter[] }
  | { kind: 'not'; filter: ScimElementFilter }
  | { kind: 'present'; field: ScimElementField }
  | { kind: 'compare'; field: ScimElementField; op: CompareOperator; value: ScimLiteral };

/**
 * A resolved filter on SCIM Users. Every node is two-valued: a missing value makes a comparison false (never
 * unknown), so `not` is the exact complement. `some` holds when some value of the multi-valued attribute
 * satisfies `filter` (null: when the attribute has any value), as RFC 7644 §3.4.2.2 reads `emails co "@x"`.
 */
export type ScimUserFilter =
  | { kind: 'and' | 'or'; filters: ScimUserFilter[] }
  | { kind: 'not'; filter: ScimUserFilter }
  | { kind: 'present'; field: ScimUserField }
  | { kind: 'compare'; field: ScimUserField; op: CompareOperator; value: ScimLiteral }
  | { kind: 'some'; attribute: ScimMultiValued; filter: ScimElementFilter | null };

/** The attributes `sortBy` accepts (RFC 7644 §3.4.2.3), resolved like filter paths. */
export type ScimUserSortKey = 'userName' | 'displayName' | 'externalId' | 'created' | 'lastModified' | 'emails';
