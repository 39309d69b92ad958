import { ScimError } from './errors.js';
import { SCIM_GROUP_ATTRIBUTES } from './group-schema.js';
import type { JsonObject } from './json.js';
import { SCIM_USER_ATTRIBUTES, type ScimAttributeDefinition } from './user-schema.js';

/** The attributes returned whatever a client asks (RFC 7643 §2.2 "always": id; schemas names what follows). */
const ALWAYS = new Set(['id', 'schemas']);

const onRequest = (definitions: readonly ScimAttributeDefinition[]) =>
  new Set(definitions.filter((definition) => definition.returned === 'request').map((d) => d.name.toLowerCase()));

/**
 * The attributes returned only when `attributes` names them (RFC 7643 §2.2 "request"), as /Schemas publishes them:
 * a user's groups, which cost a page more than the rest of its users together and which Entra ID and Okta never
 * read from a User (they read a group's members).
 */
const RETURNED_ON_REQUEST: Record<'User' | 'Group', ReadonlySet<string>> = {
  User: onRequest(SCIM_USER_ATTRIBUTES),
  Group: onRequest(SCIM_GROUP_ATTRIBUTES),
};

interface AttributePath {
  /** A schema URN the attribute lives under as an object (the enterprise extension), or null for the core. */
  extension: string | null;
  attribute: string;
  sub: string | null;
}

const CORE_URN = /^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/i;
const EXTENSION_URN = /^(urn:ietf:params:scim:schemas:extension:[\w.:-]+?:2\.0:user)(?::(.+))?$/i;

function parse(name: string): AttributePath {
  const trimmed = name.trim();
  const extension = EXTENSION_URN.exec(trimmed);
  const path = extension ? (extension[2] ?? '') : trimmed.replace(CORE_URN, '');
  const [attribute = '', sub = null, ...more] = path.split('.');
  if (more.length > 0 || (path !== '' && !/^[A-Za-z$][\w$-]*$/.test(attribute))) {
    throw new ScimError(
      400,
      'invalidValue',
      `"${name}" is not an attribute name (attribute or attribute.subAttribute).`,
    );
  }
  return {
    extension: extension ? extension[1]!.toLowerCase() : null,
    attribute: attribute.toLowerCase(),
    sub: sub?.toLowerCase() ?? null,
  };
}

const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .filter((name) => name.trim() !== '')
    .map(parse);

const pick = (object: JsonObject, name: string) => Object.keys(object).find((key) => key.toLowerCase() === name);

/** Keeps, of an attribute's value, the sub-attribute asked for (each element's, for a multi-valued one). */
function subOf(value: unknown, sub: string): unknown {
  const one = (item: unknown) => {
    if (typeof item !== 'object' || item === null) return undefined;
    const key = pick(item as JsonObject, sub);
    return key === undefined ? undefined : { [key]: (item as JsonObject)[key] };
  };
  if (Array.isArray(value)) {
    const kept = value.map(one).filter((item) => item !== undefined);
    return kept.length > 0 ? kept : undefined;
  }
  return one(value);
}

function merge(into: JsonObject, key: string, value: unknown): void {
  const existing = into[key];
  if (Array.isArray(existing) && Array.isArray(value)) {
    into[key] = existing.map((item, index) => ({ ...(item as JsonObject), ...(value[index] as JsonObject) }));
  } else if (typeof existing === 'object' && existing !== null && typeof value === 'object' && value !== null) {
    into[key] = { ...(existing as JsonObject), ...(value as JsonObject) };
  } else into[key] = value;
}

function include(resource: JsonObject, paths: AttributePath[]): JsonObject {
  const result: JsonObject = {};
  for (const key of Object.keys(resource)) if (ALWAYS.has(key.toLowerCase())) result[key] = resource[key];
  for (const path of paths) {
    const holder = path.extension
      ? (resource[pick(resource, path.extension) ?? ''] as JsonObject | undefined)
      : resource;
    if (!holder || typeof holder !== 'object') continue;
    if (path.extension && path.attribute === '') {
      merge(result, pick(resource, path.extension)!, holder);
      continue;
    }
    const key = pick(holder, path.attribute);
    if (key === undefined) continue;
    const value = path.sub ? subOf(holder[key], path.sub) : holder[key];
    if (value === undefined) continue;
    if (path.extension) {
      const extensionKey = pick(resource, path.extension)!;
      const target = (result[extensionKey] as JsonObject | undefined) ?? {};
      merge(target, key, value);
      result[extensionKey] = target;
    } else merge(result, key, value);
  }
  return result;
}

function exclude(resource: JsonObject, paths: AttributePath[]): JsonObject {
  const result = structuredClone(resource);
  for (const path of paths) {
    const holder = path.extension ? (result[pick(result, path.extension) ?? ''] as JsonObject | undefined) : result;
    if (!holder || typeof holder !== 'object') continue;
    if (path.extension && path.attribute === '') {
      delete result[pick(result, path.extension)!];
      continue;
    }
    const key = pick(holder, path.attribute);
    if (key === undefined || (!path.extension && ALWAYS.has(key.toLowerCase()))) continue;
    if (path.sub === null) delete holder[key];
    else {
      const items = Array.isArray(holder[key]) ? (holder[key] as JsonObject[]) : [holder[key] as JsonObject];
      for (const item of items) {
        const sub = item && typeof item === 'object' ? pick(item, path.sub) : undefined;
        if (sub !== undefined) delete item[sub];
      }
    }
  }
  return result;
}

/** The default set: everything but what is returned on request only, built key by key (no delete, see toScimUser). */
function withoutOnRequest(resource: JsonObject, onRequestOnly: ReadonlySet<string>): JsonObject {
  if (!Object.keys(resource).some((key) => onRequestOnly.has(key.toLowerCase()))) return resource;
  const result: JsonObject = {};
  for (const key of Object.keys(resource)) if (!onRequestOnly.has(key.toLowerCase())) result[key] = resource[key];
  return result;
}

/** What a request's `attributes` and `excludedAttributes` make of the resources it answers. */
export interface ScimProjection {
  /** Whether the answer includes this top-level attribute, so a read can spare what is not returned. */
  wants(attribute: string): boolean;
  project(resource: JsonObject): JsonObject;
}

/**
 * `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9): comma-separated names, ignoring case, with
 * or without their schema's URN, sub-attributes after a dot. `attributes` returns those (and id and schemas);
 * otherwise the default set is returned — every attribute but those returned on request only — less what
 * `excludedAttributes` names. An attribute the resource does not have is no error: it is simply not returned, as
 * clients ask for attributes of extensions a resource may lack.
 */
export function scimProjection(
  query: { attributes?: string; excludedAttributes?: string },
  resourceType: 'User' | 'Group',
): ScimProjection {
  const wanted = list(query.attributes);
  const excluded = list(query.excludedAttributes);
  const onRequestOnly = RETURNED_ON_REQUEST[resourceType];
  const topLevel = (path: AttributePath, name: string) => path.extension === null && path.attribute === name;
  return {
    wants(attribute) {
      const name = attribute.toLowerCase();
      if (wanted.length > 0) return wanted.some((path) => topLevel(path, name));
      return !onRequestOnly.has(name) && !excluded.some((path) => topLevel(path, name) && path.sub === null);
    },
    project(resource) {
      if (wanted.length > 0) return include(resource, wanted);
      const defaults = withoutOnRequest(resource, onRequestOnly);
      return excluded.length > 0 ? exclude(defaults, excluded) : defaults;
    },
  };
}
