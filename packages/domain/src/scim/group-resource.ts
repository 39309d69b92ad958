import { ScimError } from './errors.js';
import { SCIM_GROUP_URN } from './group-schema.js';
import { readPatchRequest } from './user-patch.js';
import { isJsonObject, type JsonObject, UUID_PATTERN } from './json.js';
import { unwrapCore } from './user-resource.js';

const GROUP_NAME_MAX_LENGTH = 200;

const invalid = (detail: string) => new ScimError(400, 'invalidValue', detail);

/** What Roster stores of a SCIM Group: its name, its id in the identity provider, its members' user ids. */
export interface ScimGroupWrite {
  displayName: string;
  externalId: string | null;
  members: string[];
}

function displayNameOf(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name === '') throw invalid('displayName is required: the group’s name, unique in the tenant.');
  if (name.length > GROUP_NAME_MAX_LENGTH)
    throw invalid(`displayName must be at most ${GROUP_NAME_MAX_LENGTH} characters.`);
  return name;
}

function externalIdOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw invalid('externalId must be a string.');
  const trimmed = value.trim();
  if (trimmed.length > 250) throw invalid('externalId must be at most 250 characters.');
  return trimmed === '' ? null : trimmed;
}

/**
 * The user ids of a `members` value: elements `{value, display?, type?, $ref?}` (a bare id is taken too). Groups
 * hold users only: a member of type Group is refused, since Roster's groups do not nest.
 */
export function memberIdsOf(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const ids = (Array.isArray(value) ? value : [value]).map((element, index) => {
    const member: JsonObject = isJsonObject(element) ? element : { value: element };
    const key = (name: string) => Object.keys(member).find((k) => k.toLowerCase() === name.toLowerCase());
    const type = member[key('type') ?? 'type'];
    if (type !== undefined && type !== null && String(type).toLowerCase() !== 'user') {
      throw invalid(`members[${index}] is of type ${JSON.stringify(type)}; Roster's groups hold users only.`);
    }
    const id = member[key('value') ?? 'value'];
    if (typeof id !== 'string' || !UUID_PATTERN.test(id)) {
      throw invalid(`members[${index}].value must be the id of a User of this tenant; it was ${JSON.stringify(id)}.`);
    }
    return id.toLowerCase();
  });
  return [...new Set(ids)];
}

const ATTRIBUTES = ['displayName', 'externalId', 'members'];
const IGNORED = ['id', 'meta', 'schemas'];

/** Validates a POST or PUT body of a Group; attribute names ignoring case; id and meta ignored (read-only). */
export function readScimGroup(body: unknown): ScimGroupWrite {
  if (!isJsonObject(body))
    throw new ScimError(400, 'invalidSyntax', 'The request body must be a JSON object (a Group).');
  const given: JsonObject = {};
  for (const [key, value] of Object.entries(unwrapCore(body, SCIM_GROUP_URN))) {
    const name = key.replace(/^urn:ietf:params:scim:schemas:core:2\.0:group:/i, '').toLowerCase();
    if (IGNORED.includes(name)) continue;
    const attribute = ATTRIBUTES.find((candidate) => candidate.toLowerCase() === name);
    if (!attribute) throw new ScimError(400, 'invalidSyntax', `Groups have no attribute "${key}".`);
    given[attribute] = value;
  }
  const schemas = body[Object.keys(body).find((key) => key.toLowerCase() === 'schemas') ?? 'schemas'];
  if (!Array.isArray(schemas) || !schemas.some((urn) => String(urn).toLowerCase() === SCIM_GROUP_URN.toLowerCase())) {
    throw new ScimError(400, 'invalidSyntax', `A Group's schemas must include "${SCIM_GROUP_URN}".`);
  }
  return {
    displayName: displayNameOf(given.displayName),
    externalId: externalIdOf(given.externalId),
    members: memberIdsOf(given.members),
  };
}

export interface StoredScimGroup {
  id: string;
  name: string;
  externalId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The SCIM resource of a group; members left out when the caller did not read them (excludedAttributes). */
export function toScimGroup(
  group: StoredScimGroup,
  members: readonly { id: string; display: string | null }[] | undefined,
  meta: { location: string; version: string },
): JsonObject {
  const users = meta.location.replace(/\/Groups\/[^/]+$/, '/Users');
  return {
    schemas: [SCIM_GROUP_URN],
    id: group.id,
    ...(group.externalId !== null ? { externalId: group.externalId } : {}),
    displayName: group.name,
    ...(members
      ? {
          members: members.map((member) => ({
            value: member.id,
            ...(member.display !== null ? { display: member.display } : {}),
            $ref: `${users}/${member.id}`,
            type: 'User',
          })),
        }
      : {}),
    meta: {
      resourceType: 'Group',
      created: group.createdAt.toISOString(),
      lastModified: group.updatedAt.toISOString(),
      location: meta.location,
      version: meta.version,
    },
  };
}

/**
 * A Group PATCH as set operations on the membership, applied in order by the caller: a group may hold a hundred
 * thousand members, so its member list is never read into memory to be patched.
 */
export type GroupPatchStep =
  | { kind: 'displayName'; value: string }
  | { kind: 'externalId'; value: string | null }
  | { kind: 'addMembers'; ids: string[] }
  | { kind: 'removeMembers'; ids: string[] }
  | { kind: 'removeAllMembers' };

const MEMBER_FILTER = /^members\[\s*value\s+eq\s+"([^"]*)"\s*\]$/i;

/**
 * Turns a Group PATCH (RFC 7644 §3.5.2) into steps. What Entra ID and Okta send:
 * - `{"op":"Add","path":"members","value":[{"value":"<id>"}]}`;
 * - Entra's `{"op":"Remove","path":"members","value":[{"value":"<id>"}]}`, which removes only those members;
 * - `{"op":"remove","path":"members[value eq \"<id>\"]"}`, and `{"op":"remove","path":"members"}` (all of them);
 * - `{"op":"replace","path":"members","value":[…]}` (exactly those);
 * - `{"op":"Replace","path":"displayName","value":"…"}`, and no-path add/replace of `{displayName, members,
 *   externalId}` (Okta repeats the group's `id` there: ignored when it is this group's, refused otherwise).
 */
export function planScimGroupPatch(body: unknown, groupId: string): GroupPatchStep[] {
  const steps: GroupPatchStep[] = [];
  for (const { op, path, value } of readPatchRequest(body)) {
    if (path === undefined) {
      if (op === 'remove')
        throw new ScimError(400, 'noTarget', 'A remove operation needs a path naming what to remove.');
      if (!isJsonObject(value)) throw invalid(`An ${op} without a path needs an object of attributes as its value.`);
      for (const [key, item] of Object.entries(value)) steps.push(...stepsFor(op, key, item, groupId));
      continue;
    }
    const member = MEMBER_FILTER.exec(path);
    if (member) {
      if (op !== 'remove')
        throw new ScimError(400, 'invalidPath', `Members are added or replaced through "members", not "${path}".`);
      steps.push({ kind: 'removeMembers', ids: memberIdsOf([{ value: member[1] }]) });
      continue;
    }
    steps.push(...stepsFor(op, path, value, groupId));
  }
  return steps;
}

function stepsFor(op: 'add' | 'remove' | 'replace', path: string, value: unknown, groupId: string): GroupPatchStep[] {
  const name = path.replace(/^urn:ietf:params:scim:schemas:core:2\.0:group:/i, '').toLowerCase();
  switch (name) {
    case 'displayname':
      if (op === 'remove') throw new ScimError(400, 'mutability', 'displayName is required and cannot be removed.');
      return [{ kind: 'displayName', value: displayNameOf(value) }];
    case 'externalid':
      return [{ kind: 'externalId', value: op === 'remove' ? null : externalIdOf(value) }];
    case 'members':
      if (op === 'add') return [{ kind: 'addMembers', ids: memberIdsOf(value) }];
      if (op === 'replace') return [{ kind: 'removeAllMembers' }, { kind: 'addMembers', ids: memberIdsOf(value) }];
      // No value removes every member (RFC 7644 §3.5.2.2); a value, even an empty list, removes just those.
      return value === undefined || value === null
        ? [{ kind: 'removeAllMembers' }]
        : [{ kind: 'removeMembers', ids: memberIdsOf(value) }];
    case 'id':
      // Okta repeats the id in a no-path replace: the group's own changes nothing; another would move it.
      if (op !== 'remove' && typeof value === 'string' && value.toLowerCase() === groupId.toLowerCase()) return [];
      throw new ScimError(400, 'mutability', `id is read-only; this group's id is ${groupId}.`);
    case 'schemas':
      return []; // Okta repeats them in a no-path replace; they change nothing
    case 'meta':
      throw new ScimError(400, 'mutability', 'meta is read-only.');
    default:
      throw new ScimError(400, 'invalidPath', `Groups have no attribute "${path}".`);
  }
}
