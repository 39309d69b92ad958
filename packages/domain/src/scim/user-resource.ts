import { endUserFieldProblems, type EndUserField } from '../end-user-rules.js';
import { ScimError } from './errors.js';
import { isJsonObject, type JsonObject } from './json.js';
import {
  definitionOf,
  SCIM_CORE_USER_URN,
  SCIM_ENTERPRISE_USER_ATTRIBUTES,
  SCIM_ENTERPRISE_USER_URN,
  SCIM_USER_ATTRIBUTES,
  type ScimAttributeDefinition,
} from './user-schema.js';

/**
 * What Roster stores of a SCIM User (issue 17; docs/scim.md "Users"): its own columns, and `scim`, the SCIM-only
 * attributes (name parts, title, addresses, the enterprise extension, further e-mail addresses and phone
 * numbers …) kept under their canonical names. `active` is undefined when the body leaves it out: a full PUT
 * without it (Okta) leaves the user as it is. `password` is the caller's to check and hash; it is never stored
 * in `scim`.
 */
export interface ScimUserWrite {
  userName: string;
  displayName: string | null;
  email: string | null;
  mobilePhone: string | null;
  externalId: string | null;
  active: boolean | undefined;
  password: string | undefined;
  scim: JsonObject;
}

/** A stored user, as SCIM reads it. */
export interface StoredScimUser {
  id: string;
  username: string;
  name: string | null;
  email: string | null;
  mobilePhone: string | null;
  externalId: string | null;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
  scim: JsonObject | null;
}

/** Attributes with a Roster column of their own (or none stored): everything else goes into `scim`. */
const MAPPED = new Set(['userName', 'displayName', 'active', 'password', 'externalId', 'emails', 'phoneNumbers']);
const IGNORED = new Set(['id', 'meta', 'groups', 'schemas']);

const invalid = (detail: string) => new ScimError(400, 'invalidValue', detail);

/**
 * A SCIM boolean. Entra ID sends "True" and "False" as strings (documented in its SCIM guide), so a string of
 * either word, in any case, is taken as the boolean.
 */
export function scimBoolean(value: unknown, path: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  throw invalid(`${path} must be true or false; it was ${JSON.stringify(value)}.`);
}

/**
 * Checks a value against its definition and returns it with canonical attribute names (sub-attributes
 * included), booleans as booleans, and nulls (SCIM's "unassigned") dropped. Undefined means unassigned.
 */
function canonical(definition: ScimAttributeDefinition, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return undefined;
  if (definition.multiValued) {
    const items = Array.isArray(value) ? value : [value];
    const single = { ...definition, multiValued: false };
    const kept = items
      .map((item, index) => canonical(single, item, `${path}[${index}]`))
      .filter((item) => item !== undefined);
    return kept.length > 0 ? kept : undefined;
  }
  switch (definition.type) {
    case 'boolean':
      return scimBoolean(value, path);
    case 'complex': {
      if (!isJsonObject(value)) throw invalid(`${path} must be an object of ${subNames(definition)}.`);
      const result: JsonObject = {};
      for (const [key, item] of Object.entries(value)) {
        const sub = definitionOf(definition.subAttributes ?? [], key);
        if (!sub)
          throw new ScimError(
            400,
            'invalidSyntax',
            `${path} has no attribute "${key}"; it has ${subNames(definition)}.`,
          );
        const checked = canonical(sub, item, `${path}.${sub.name}`);
        if (checked !== undefined) result[sub.name] = checked;
      }
      return Object.keys(result).length > 0 ? result : undefined;
    }
    default:
      if (typeof value !== 'string') throw invalid(`${path} must be a string; it was ${JSON.stringify(value)}.`);
      if (value.length > 2_000) throw invalid(`${path} must be at most 2000 characters.`);
      return value;
  }
}

const subNames = (definition: ScimAttributeDefinition) =>
  (definition.subAttributes ?? []).map((sub) => sub.name).join(', ');

/** The schemas a body declares: the core User schema must be among them; the enterprise extension may be. */
function checkSchemas(schemas: unknown): void {
  if (
    !Array.isArray(schemas) ||
    !schemas.some((urn) => String(urn).toLowerCase() === SCIM_CORE_USER_URN.toLowerCase())
  ) {
    throw new ScimError(400, 'invalidSyntax', `A User's schemas must include "${SCIM_CORE_USER_URN}".`);
  }
  const known = [SCIM_CORE_USER_URN, SCIM_ENTERPRISE_USER_URN].map((urn) => urn.toLowerCase());
  const unknown = schemas.filter((urn) => !known.includes(String(urn).toLowerCase()));
  if (unknown.length > 0) {
    throw new ScimError(
      400,
      'invalidValue',
      `Roster does not support the schema ${JSON.stringify(unknown[0])} on Users.`,
    );
  }
}

/** The element of a multi-valued list Roster keeps in its own column: the primary one, else of `type`, else the first. */
function chosen(elements: JsonObject[] | undefined, type: string): JsonObject | undefined {
  if (!elements) return undefined;
  return elements.find((e) => e.primary === true) ?? elements.find((e) => e.type === type) ?? elements[0];
}

/** The domain's rules for a field Roster stores, as SCIM's invalidValue naming the SCIM attribute. */
function checkField(field: EndUserField, value: string | null, attribute: string): void {
  const [problem] = endUserFieldProblems({ [field]: value });
  if (problem) throw invalid(`${attribute} ${problem.message}.`);
}

/**
 * Validates a POST or PUT body, or a resource a PATCH produced, into what Roster stores. Attribute names are
 * matched ignoring case; read-only attributes (id, meta, groups) are ignored (RFC 7643 §2.2); an attribute of
 * neither schema is a 400 invalidSyntax naming it, and nothing is written.
 */
export function readScimUser(body: unknown): ScimUserWrite {
  if (!isJsonObject(body))
    throw new ScimError(400, 'invalidSyntax', 'The request body must be a JSON object (a User).');
  const given: JsonObject = {};
  let schemas: unknown;
  for (const [key, value] of Object.entries(unwrapCore(body, SCIM_CORE_USER_URN))) {
    if (key.toLowerCase() === 'schemas') {
      schemas = value;
      continue;
    }
    if (key.toLowerCase() === SCIM_ENTERPRISE_USER_URN.toLowerCase()) {
      given[SCIM_ENTERPRISE_USER_URN] = readEnterprise(value);
      continue;
    }
    const name = key.replace(new RegExp(`^${SCIM_CORE_USER_URN.replace(/\./g, '\\.')}:`, 'i'), '');
    if (IGNORED.has(name) || IGNORED.has(name.toLowerCase())) continue;
    const definition = definitionOf(SCIM_USER_ATTRIBUTES, name);
    if (!definition) throw new ScimError(400, 'invalidSyntax', `Users have no attribute "${key}".`);
    if (definition.mutability === 'readOnly') continue;
    const value_ = canonical(definition, value, definition.name);
    if (value_ !== undefined) given[definition.name] = value_;
  }
  checkSchemas(schemas);

  const userName = typeof given.userName === 'string' ? given.userName.trim() : '';
  if (userName === '') throw invalid('userName is required: the name the user signs in with, unique in the tenant.');
  checkField('username', userName, 'userName');
  const name = given.name as JsonObject | undefined;
  const joined = [name?.givenName, name?.familyName]
    .filter((part) => typeof part === 'string' && part.trim())
    .join(' ');
  const displayName = nonBlank(given.displayName) ?? nonBlank(name?.formatted) ?? nonBlank(joined);
  if (displayName !== null) checkField('name', displayName, 'displayName');
  const emails = given.emails as JsonObject[] | undefined;
  const email = chosen(emails, 'work');
  const emailValue = nonBlank(email?.value);
  if (emailValue !== null) checkField('email', emailValue, 'emails.value');
  const phones = given.phoneNumbers as JsonObject[] | undefined;
  const phone = chosen(phones, 'mobile');
  const phoneValue = nonBlank(phone?.value);
  if (phoneValue !== null) checkField('mobilePhone', phoneValue, 'phoneNumbers.value');
  const externalId = nonBlank(given.externalId);
  if (externalId !== null) checkField('externalId', externalId, 'externalId');

  const scim: JsonObject = {};
  for (const [key, value] of Object.entries(given)) if (!MAPPED.has(key)) scim[key] = value;
  const otherEmails = emails?.filter((e) => e !== email);
  if (otherEmails?.length) scim.emails = otherEmails.map((e) => ({ ...e, primary: false }));
  const otherPhones = phones?.filter((p) => p !== phone);
  if (otherPhones?.length) scim.phoneNumbers = otherPhones.map((p) => ({ ...p, primary: false }));
  return {
    userName,
    displayName,
    email: emailValue,
    mobilePhone: phoneValue,
    externalId,
    active: given.active as boolean | undefined,
    password: typeof given.password === 'string' ? given.password : undefined,
    scim,
  };
}

const nonBlank = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** The enterprise extension's object; Entra sends the manager as a bare id string. */
function readEnterprise(value: unknown): JsonObject | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isJsonObject(value)) throw invalid(`${SCIM_ENTERPRISE_USER_URN} must be an object.`);
  const result: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    const definition = definitionOf(SCIM_ENTERPRISE_USER_ATTRIBUTES, key);
    if (!definition) throw new ScimError(400, 'invalidSyntax', `The enterprise extension has no attribute "${key}".`);
    const shaped = definition.name === 'manager' && typeof item === 'string' ? { value: item } : item;
    const checked = canonical(definition, shaped, definition.name);
    if (checked !== undefined) result[definition.name] = checked;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/**
 * The full SCIM resource of a stored user: Roster's columns under their SCIM names, the stored SCIM-only
 * attributes, the groups it is in when they were read (read-only, returned on request, `type` direct: Roster's
 * groups do not nest) and meta.
 */
export function toScimUser(
  user: StoredScimUser,
  groups: readonly { id: string; displayName: string }[] | undefined,
  meta: { location: string; version: string },
): JsonObject {
  // Built key by key, never spread and pruned: a list builds fifty of these per page, and an object whose keys
  // were deleted drops to V8's slow dictionary mode for everything that reads it after (the serializer).
  const { emails, phoneNumbers, groups: _readOnly, [SCIM_ENTERPRISE_USER_URN]: enterprise, ...rest } = user.scim ?? {};
  const resource: JsonObject = {
    schemas: enterprise ? [SCIM_CORE_USER_URN, SCIM_ENTERPRISE_USER_URN] : [SCIM_CORE_USER_URN],
    id: user.id,
  };
  if (user.externalId !== null) resource.externalId = user.externalId;
  resource.userName = user.username;
  if (user.name !== null) resource.displayName = user.name;
  for (const key in rest) resource[key] = rest[key]!;
  resource.active = user.isActive;
  const addresses = withPrimary(user.email, 'work', emails);
  if (addresses) resource.emails = addresses;
  const numbers = withPrimary(user.mobilePhone, 'mobile', phoneNumbers);
  if (numbers) resource.phoneNumbers = numbers;
  if (groups) {
    const groupsBase = meta.location.replace(/\/Users\/[^/]+$/, '/Groups');
    resource.groups = [...groups].sort(byName).map((group) => ({
      value: group.id,
      display: group.displayName,
      $ref: `${groupsBase}/${group.id}`,
      type: 'direct',
    }));
  }
  if (enterprise) resource[SCIM_ENTERPRISE_USER_URN] = enterprise;
  resource.meta = {
    resourceType: 'User',
    created: user.createdAt.toISOString(),
    lastModified: user.updatedAt.toISOString(),
    location: meta.location,
    version: meta.version,
  };
  return resource;
}

/** A multi-valued attribute: Roster's own value first, as primary, then the stored others; none is left out. */
function withPrimary(value: string | null, type: string, others: unknown): JsonObject[] | undefined {
  const all = [
    ...(value === null ? [] : [{ value, type, primary: true }]),
    ...((others as JsonObject[] | undefined) ?? []),
  ];
  return all.length > 0 ? all : undefined;
}

/** A user's groups in one order wherever it is shown: by name ignoring case, then by id. */
function byName(a: { id: string; displayName: string }, b: { id: string; displayName: string }): number {
  const [x, y] = [a.displayName.toLowerCase(), b.displayName.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A body whose core attributes come wrapped in an object under the core schema's URN
 * (`{"urn:…:core:2.0:User": {"userName": …}}`), as some clients send by analogy with extensions: the same
 * attributes, unwrapped. Attributes given both ways are refused rather than one silently winning.
 */
export function unwrapCore(body: JsonObject, urn: string): JsonObject {
  const key = Object.keys(body).find((name) => name.toLowerCase() === urn.toLowerCase());
  const wrapped = key === undefined ? undefined : body[key];
  if (key === undefined || !isJsonObject(wrapped)) return body;
  const { [key]: _wrapped, ...rest } = body;
  const twice = Object.keys(wrapped).find((name) =>
    Object.keys(rest).some((other) => other.toLowerCase() === name.toLowerCase()),
  );
  if (twice) throw new ScimError(400, 'invalidSyntax', `${twice} is given both at the top level and under ${urn}.`);
  return { ...rest, ...wrapped };
}
