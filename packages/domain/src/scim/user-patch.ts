import { type ElementFilter, elementMatches, equalities, parseElementFilter } from './element-filter.js';
import { ScimError } from './errors.js';
import { isJsonObject, type JsonObject } from './json.js';
import {
  definitionOf,
  READ_ONLY_USER_ATTRIBUTES,
  SCIM_CORE_USER_URN,
  SCIM_ENTERPRISE_USER_ATTRIBUTES,
  SCIM_ENTERPRISE_USER_URN,
  SCIM_USER_ATTRIBUTES,
  type ScimAttributeDefinition,
} from './user-schema.js';

export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const PATCH_MAX_OPERATIONS = 1000;

export type PatchOpName = 'add' | 'remove' | 'replace';

export interface PatchOperation {
  op: PatchOpName;
  path: string | undefined;
  value: unknown;
}

const syntax = (detail: string) => new ScimError(400, 'invalidSyntax', detail);

const keyOf = (object: JsonObject, name: string) =>
  Object.keys(object).find((key) => key.toLowerCase() === name.toLowerCase());

/**
 * Reads a PatchOp request (RFC 7644 §3.5.2): its schema, and 1 to 1000 operations whose `op` is add, remove or
 * replace in any case (Entra ID sends "Add", "Replace", "Remove"). Shared by Users and Groups.
 */
export function readPatchRequest(body: unknown): PatchOperation[] {
  if (!isJsonObject(body)) throw syntax('A PATCH body must be a JSON object (a PatchOp request).');
  const schemas = body[keyOf(body, 'schemas') ?? 'schemas'];
  if (!Array.isArray(schemas) || !schemas.some((urn) => String(urn).toLowerCase() === PATCH_OP_SCHEMA.toLowerCase())) {
    throw syntax(`A PATCH body's schemas must include "${PATCH_OP_SCHEMA}".`);
  }
  const operations = body[keyOf(body, 'Operations') ?? 'Operations'];
  if (!Array.isArray(operations) || operations.length === 0) {
    throw syntax('A PATCH body needs "Operations": a list of at least one operation (op, path, value).');
  }
  if (operations.length > PATCH_MAX_OPERATIONS) {
    throw new ScimError(400, 'tooMany', `A PATCH may hold at most ${PATCH_MAX_OPERATIONS} operations.`);
  }
  return operations.map((operation, index) => {
    if (!isJsonObject(operation)) throw syntax(`Operation ${index + 1} must be an object with op, path and value.`);
    const op = operation[keyOf(operation, 'op') ?? 'op'];
    const name = typeof op === 'string' ? op.toLowerCase() : '';
    if (name !== 'add' && name !== 'remove' && name !== 'replace') {
      throw syntax(`Operation ${index + 1} has op ${JSON.stringify(op)}; it must be add, remove or replace.`);
    }
    const path = operation[keyOf(operation, 'path') ?? 'path'];
    if (path !== undefined && path !== null && typeof path !== 'string') {
      throw new ScimError(400, 'invalidPath', `Operation ${index + 1}'s path must be a string.`);
    }
    return {
      op: name,
      path: typeof path === 'string' && path.trim() !== '' ? path.trim() : undefined,
      value: operation[keyOf(operation, 'value') ?? 'value'],
    };
  });
}

/** A parsed attribute path: which schema, attribute, value filter and sub-attribute it names. */
interface ParsedPath {
  enterprise: boolean;
  definition: ScimAttributeDefinition;
  filter: ElementFilter | null;
  sub: ScimAttributeDefinition | null;
}

const invalidPath = (path: string, why: string) =>
  new ScimError(400, 'invalidPath', `The PATCH path "${path}" is invalid: ${why}.`);

function parsePath(path: string): ParsedPath {
  let rest = path;
  let enterprise = false;
  const lower = path.toLowerCase();
  if (lower.startsWith(`${SCIM_ENTERPRISE_USER_URN.toLowerCase()}:`)) {
    enterprise = true;
    rest = path.slice(SCIM_ENTERPRISE_USER_URN.length + 1);
  } else if (lower.startsWith(`${SCIM_CORE_USER_URN.toLowerCase()}:`)) {
    rest = path.slice(SCIM_CORE_USER_URN.length + 1);
  }
  const match = /^([A-Za-z$][\w$-]*)(?:\[(.*)\])?(?:\.([A-Za-z$][\w$-]*))?$/s.exec(rest);
  if (!match)
    throw invalidPath(path, 'write it as attribute, attribute.subAttribute or attribute[filter].subAttribute');
  const [, name, filterText, subName] = match;
  if (
    !enterprise &&
    READ_ONLY_USER_ATTRIBUTES.some(
      (readOnly) => readOnly === name!.toLowerCase() || readOnly.toLowerCase() === name!.toLowerCase(),
    )
  ) {
    throw new ScimError(400, 'mutability', `${name} is read-only and cannot be changed by PATCH.`);
  }
  const definition = definitionOf(enterprise ? SCIM_ENTERPRISE_USER_ATTRIBUTES : SCIM_USER_ATTRIBUTES, name!);
  if (!definition) throw invalidPath(path, `Users have no attribute "${name}"`);
  if (filterText !== undefined && !definition.multiValued)
    throw invalidPath(path, `${definition.name} is not multi-valued`);
  const sub = subName === undefined ? null : (definitionOf(definition.subAttributes ?? [], subName) ?? null);
  if (subName !== undefined && !sub) throw invalidPath(path, `${definition.name} has no sub-attribute "${subName}"`);
  return { enterprise, definition, filter: filterText === undefined ? null : parseElementFilter(filterText), sub };
}

/**
 * Applies a PATCH request to a full User resource (as toScimUser made it) and returns the new resource, which the
 * caller validates with readScimUser like a PUT body: a PATCH can produce nothing a PUT could not.
 *
 * Semantics (RFC 7644 §3.5.2.1–3), and what Entra ID and Okta rely on:
 * - add/replace without a path take an object of attribute paths ("name.givenName" keys too, as Entra sends);
 * - add on a multi-valued attribute appends; on a complex one merges its sub-attributes; replace of a complex
 *   attribute merges as well (sub-attributes left out stay, §3.5.2.3);
 * - a value filter whose target is missing: add creates the element from the filter's equalities (Entra adds
 *   `phoneNumbers[type eq "mobile"].value` that way), replace does too when the filter is such equalities, else
 *   it is noTarget;
 * - remove needs a path (noTarget otherwise); with a value and no filter it removes just those values.
 */
export function applyScimUserPatch(resource: JsonObject, body: unknown): JsonObject {
  const result = structuredClone(resource);
  for (const operation of readPatchRequest(body)) applyOperation(result, operation);
  return result;
}

function applyOperation(resource: JsonObject, { op, path, value }: PatchOperation): void {
  if (path !== undefined) return applyAt(resource, op, parsePath(path), value, path);
  if (op === 'remove') throw new ScimError(400, 'noTarget', 'A remove operation needs a path naming what to remove.');
  if (!isJsonObject(value))
    throw new ScimError(400, 'invalidValue', `An ${op} without a path needs an object of attributes as its value.`);
  for (const [key, item] of Object.entries(value)) {
    if (key.toLowerCase() === SCIM_ENTERPRISE_USER_URN.toLowerCase() && isJsonObject(item)) {
      for (const [name, sub] of Object.entries(item)) {
        const subPath = `${SCIM_ENTERPRISE_USER_URN}:${name}`;
        applyAt(resource, op, parsePath(subPath), sub, subPath);
      }
    } else if (key.toLowerCase() === 'schemas') {
      continue; // Okta repeats the resource's schemas in a no-path replace: they change nothing
    } else if (key.toLowerCase() === 'id') {
      // Okta repeats the resource's id there too: the user's own changes nothing; another would move it.
      const own = String(resource.id);
      if (typeof item === 'string' && item.toLowerCase() === own.toLowerCase()) continue;
      throw new ScimError(400, 'mutability', `id is read-only; this user's id is ${own}.`);
    } else {
      applyAt(resource, op, parsePath(key), item, key);
    }
  }
}

function containerOf(resource: JsonObject, enterprise: boolean): JsonObject {
  if (!enterprise) return resource;
  const existing = resource[SCIM_ENTERPRISE_USER_URN];
  if (isJsonObject(existing)) return existing;
  const created: JsonObject = {};
  resource[SCIM_ENTERPRISE_USER_URN] = created;
  const schemas = resource.schemas;
  if (Array.isArray(schemas) && !schemas.includes(SCIM_ENTERPRISE_USER_URN)) schemas.push(SCIM_ENTERPRISE_USER_URN);
  return created;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

function applyAt(resource: JsonObject, op: PatchOpName, target: ParsedPath, value: unknown, path: string): void {
  const container = containerOf(resource, target.enterprise);
  const key = target.definition.name;
  const current = container[key];
  if (target.filter === null && target.sub === null) {
    if (op === 'remove') {
      if (target.definition.multiValued && value !== undefined && value !== null && Array.isArray(current)) {
        const values = asList(value).map((item) => String(isJsonObject(item) ? item.value : item).toLowerCase());
        container[key] = current.filter(
          (element) => !values.includes(String((element as JsonObject).value).toLowerCase()),
        );
      } else delete container[key];
    } else if (target.definition.multiValued) {
      const items = asList(value);
      container[key] = op === 'add' && Array.isArray(current) ? [...current, ...items] : items;
      keepOnePrimary(container[key] as unknown[], items);
    } else if (target.definition.type === 'complex' && isJsonObject(value) && isJsonObject(current)) {
      container[key] = { ...current, ...value };
    } else container[key] = value;
    return;
  }
  if (!target.definition.multiValued) {
    // A sub-attribute of a single complex attribute: name.givenName, manager.value.
    const object = isJsonObject(current) ? current : {};
    if (op === 'remove') delete object[target.sub!.name];
    else object[target.sub!.name] = value;
    container[key] = object;
    return;
  }
  const elements = (Array.isArray(current) ? current : []) as JsonObject[];
  const matched = target.filter
    ? elements.filter((element) => isJsonObject(element) && elementMatches(element, target.filter!))
    : elements;
  if (op === 'remove') {
    if (target.sub) for (const element of matched) delete element[target.sub.name];
    else container[key] = elements.filter((element) => !matched.includes(element));
    return;
  }
  if (matched.length === 0) {
    const fixed = target.filter ? equalities(target.filter) : {};
    if (fixed === null || (op === 'replace' && target.filter === null)) {
      throw new ScimError(400, 'noTarget', `The PATCH path "${path}" matches no value to ${op}.`);
    }
    const element = {
      ...fixed,
      ...(target.sub ? { [target.sub.name]: value } : isJsonObject(value) ? value : { value }),
    };
    container[key] = [...elements, element];
    keepOnePrimary(container[key] as unknown[], [element]);
    return;
  }
  for (const element of matched) {
    if (target.sub) element[target.sub.name] = value;
    else if (isJsonObject(value)) {
      if (op === 'replace') for (const name of Object.keys(element)) delete element[name];
      Object.assign(element, value);
    }
  }
  keepOnePrimary(elements, target.sub?.name === 'primary' || isJsonObject(value) ? matched : []);
}

const isPrimary = (element: unknown) =>
  isJsonObject(element) && (element.primary === true || String(element.primary).toLowerCase() === 'true');

/** At most one primary value (RFC 7643 §2.4): one just written as primary demotes the others. */
function keepOnePrimary(elements: unknown[], written: unknown[]): void {
  const primary = written.find(isPrimary);
  if (!primary) return;
  for (const element of elements)
    if (element !== primary && isPrimary(element)) (element as JsonObject).primary = false;
}
