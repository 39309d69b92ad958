import { asciiLower } from '../usage.js';
import type { ScimDateTime } from './attributes.js';
import { compareInstants, compareStrings } from './compare.js';
import { type ElementFilter, parseSimpleFilter } from './element-filter.js';
import { type ScimError, ScimFilterError } from './errors.js';
import type { CompareOperator } from './attributes.js';
import { UUID_PATTERN } from './json.js';
import { parseDateTime } from './parse.js';

/** A Groups filter, its attributes resolved (RFC 7644 §3.4.2.2). */
export type ScimGroupFilter =
  | { kind: 'compare'; attribute: 'id' | 'externalId' | 'displayName'; op: CompareOperator; value: string }
  | { kind: 'instant'; attribute: 'created' | 'lastModified'; op: CompareOperator; value: ScimDateTime }
  | { kind: 'present'; attribute: 'id' | 'externalId' | 'displayName' | 'members' | 'created' | 'lastModified' }
  | { kind: 'member'; userId: string }
  | { kind: 'and' | 'or'; left: ScimGroupFilter; right: ScimGroupFilter }
  | { kind: 'not'; filter: ScimGroupFilter };

const GROUP_FIELDS: Record<string, 'id' | 'externalId' | 'displayName'> = {
  id: 'id',
  externalid: 'externalId',
  displayname: 'displayName',
};
const STRING_OPERATORS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];
/** meta's times, compared as instants (what an identity provider's incremental read asks). */
const GROUP_INSTANTS: Record<string, 'created' | 'lastModified'> = {
  'meta.created': 'created',
  'meta.lastmodified': 'lastModified',
};
const INSTANT_OPERATORS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'];

/**
 * Parses a Groups filter: id, externalId and displayName with every string operator, meta.created and
 * meta.lastModified with eq ne gt ge lt le on an xsd:dateTime, `pr`, and membership as
 * `members[value eq "<user id>"]` or `members.value eq "<user id>"` (what Entra ID asks before adding a member).
 * Anything else is a 400 invalidFilter naming it.
 */
export function parseScimGroupFilter(text: string): ScimGroupFilter {
  if (Buffer.byteLength(text) > 4096) throw new ScimFilterError('The filter is longer than 4096 bytes.');
  const fail = (detail: string) => new ScimFilterError(`The filter is invalid: ${detail}.`);
  return resolveGroupFilter(parseSimpleFilter(text, fail, true), fail);
}

function resolveGroupFilter(filter: ElementFilter, fail: (detail: string) => ScimError): ScimGroupFilter {
  switch (filter.kind) {
    case 'and':
    case 'or':
      return {
        kind: filter.kind,
        left: resolveGroupFilter(filter.left, fail),
        right: resolveGroupFilter(filter.right, fail),
      };
    case 'not':
      return { kind: 'not', filter: resolveGroupFilter(filter.filter, fail) };
    case 'valuePath': {
      if (filter.attribute.toLowerCase() !== 'members')
        throw fail(`Groups have no multi-valued attribute "${filter.attribute}"`);
      return membership(filter.filter, fail);
    }
    case 'present': {
      const name = bare(filter.attribute);
      if (name === 'members' || name === 'members.value') return { kind: 'present', attribute: 'members' };
      const field = GROUP_FIELDS[name] ?? GROUP_INSTANTS[name];
      if (!field) throw fail(`Groups cannot be filtered on "${filter.attribute}"`);
      return { kind: 'present', attribute: field };
    }
    case 'compare': {
      const name = bare(filter.attribute);
      if (name === 'members.value' || name === 'members') return membership({ ...filter, attribute: 'value' }, fail);
      const instant = GROUP_INSTANTS[name];
      if (instant) {
        if (typeof filter.value !== 'string' || !INSTANT_OPERATORS.includes(filter.op)) {
          throw fail(`${filter.attribute} is compared with eq, ne, gt, ge, lt or le and a "quoted" xsd:dateTime`);
        }
        const value = parseDateTime(filter.value, filter.attribute);
        return { kind: 'instant', attribute: instant, op: filter.op as CompareOperator, value };
      }
      const field = GROUP_FIELDS[name];
      if (!field) {
        throw fail(
          `Groups cannot be filtered on "${filter.attribute}"; use displayName, externalId, id, members, meta.created or meta.lastModified`,
        );
      }
      if (typeof filter.value !== 'string') throw fail(`${field} is compared with a string in double quotes`);
      if (!STRING_OPERATORS.includes(filter.op)) throw fail(`"${filter.op}" is no operator`);
      return { kind: 'compare', attribute: field, op: filter.op as CompareOperator, value: filter.value };
    }
  }
}

const bare = (attribute: string) =>
  attribute.replace(/^urn:ietf:params:scim:schemas:core:2\.0:group:/i, '').toLowerCase();

/** members[value eq "<id>"]: the one membership test Roster answers (from its index on group_members). */
function membership(filter: ElementFilter, fail: (detail: string) => ScimError): ScimGroupFilter {
  if (
    filter.kind === 'compare' &&
    filter.attribute.toLowerCase() === 'value' &&
    filter.op === 'eq' &&
    typeof filter.value === 'string'
  ) {
    return { kind: 'member', userId: filter.value };
  }
  throw fail('members can be filtered as members[value eq "<user id>"] only');
}

export type ScimGroupSortKey = 'displayName' | 'created' | 'lastModified';

/** sortBy on Groups: displayName, meta.created or meta.lastModified. */
export function resolveScimGroupSortBy(sortBy: string): ScimGroupSortKey {
  const key = { displayname: 'displayName', 'meta.created': 'created', 'meta.lastmodified': 'lastModified' }[
    bare(sortBy.trim())
  ] as ScimGroupSortKey | undefined;
  if (!key)
    throw new ScimFilterError(
      `sortBy ${JSON.stringify(sortBy)} is not supported on Groups; sort by displayName, meta.created or meta.lastModified`,
      'invalidValue',
    );
  return key;
}

/** A group as a Groups filter sees it. */
export interface ScimGroupView {
  id: string;
  name: string;
  externalId: string | null;
  memberIds: readonly string[];
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Whether a group matches a Groups filter, in memory: the reference the SQL (packages/db scim-group-filter) is
 * property-tested against. displayName compares with A–Z folded on both sides (as Users' displayName, the same in
 * PostgreSQL and JavaScript whatever the locale), code point order for gt/ge/lt/le; externalId exactly; id as the
 * lower-case uuid; a missing externalId matches no comparison, `ne` included (RFC 7643 §2.5).
 */
export function matchesScimGroupFilter(group: ScimGroupView, filter: ScimGroupFilter): boolean {
  switch (filter.kind) {
    case 'and':
      return matchesScimGroupFilter(group, filter.left) && matchesScimGroupFilter(group, filter.right);
    case 'or':
      return matchesScimGroupFilter(group, filter.left) || matchesScimGroupFilter(group, filter.right);
    case 'not':
      return !matchesScimGroupFilter(group, filter.filter);
    case 'member':
      return UUID_PATTERN.test(filter.userId) && group.memberIds.includes(filter.userId.toLowerCase());
    case 'present':
      if (filter.attribute === 'members') return group.memberIds.length > 0;
      return filter.attribute === 'externalId' ? group.externalId !== null && group.externalId !== '' : true;
    case 'instant':
      return compareInstants(
        filter.op,
        (filter.attribute === 'created' ? group.createdAt : group.updatedAt).getTime(),
        filter.value,
      );
    case 'compare':
      if (filter.attribute === 'id') {
        const value = filter.value.toLowerCase();
        if ((filter.op === 'eq' || filter.op === 'ne') && !UUID_PATTERN.test(value)) return filter.op === 'ne';
        return compareStrings(filter.op, group.id, value);
      }
      if (filter.attribute === 'externalId') {
        return (
          group.externalId !== null &&
          group.externalId !== '' &&
          compareStrings(filter.op, group.externalId, filter.value)
        );
      }
      return compareStrings(filter.op, asciiLower(group.name), asciiLower(filter.value));
  }
}
