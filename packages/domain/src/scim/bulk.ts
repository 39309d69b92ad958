import { ScimError } from './errors.js';
import { isJsonObject, type JsonObject } from './json.js';

/** What one Bulk request may hold (published in the ServiceProviderConfig, RFC 7644 §3.7.4). */
export const BULK_LIMITS = { maxOperations: 1000, maxPayloadSize: 1_048_576 } as const;

export const BULK_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const BULK_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

/** One operation of a BulkRequest, read and checked. */
export interface BulkOperation {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  bulkId?: string;
  version?: string;
  path: string;
  data?: unknown;
}

/** One operation's outcome in the BulkResponse. */
export interface BulkResult {
  method: string;
  bulkId?: string;
  location?: string;
  version?: string;
  status: string;
  response?: unknown;
}

const field = (object: JsonObject, name: string) =>
  object[Object.keys(object).find((key) => key.toLowerCase() === name.toLowerCase()) ?? name];

/** Reads a BulkRequest (RFC 7644 §3.7): its schema, failOnErrors, and 1 to maxOperations operations. */
export function readBulkRequest(body: unknown): { failOnErrors: number | null; operations: BulkOperation[] } {
  if (!isJsonObject(body))
    throw new ScimError(400, 'invalidSyntax', 'A Bulk body must be a JSON object (a BulkRequest).');
  const schemas = field(body, 'schemas');
  if (
    !Array.isArray(schemas) ||
    !schemas.some((urn) => String(urn).toLowerCase() === BULK_REQUEST_SCHEMA.toLowerCase())
  ) {
    throw new ScimError(400, 'invalidSyntax', `A Bulk body's schemas must include "${BULK_REQUEST_SCHEMA}".`);
  }
  const failOnErrors = field(body, 'failOnErrors');
  if (
    failOnErrors !== undefined &&
    failOnErrors !== null &&
    (!Number.isInteger(failOnErrors) || (failOnErrors as number) < 1)
  ) {
    throw new ScimError(400, 'invalidValue', 'failOnErrors must be a whole number of at least 1.');
  }
  const operations = field(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw new ScimError(400, 'invalidSyntax', 'A Bulk body needs "Operations": a list of at least one operation.');
  }
  if (operations.length > BULK_LIMITS.maxOperations) {
    throw new ScimError(
      413,
      undefined,
      `A Bulk request may hold at most ${BULK_LIMITS.maxOperations} operations; it held ${operations.length}.`,
    );
  }
  return {
    failOnErrors: (failOnErrors as number | undefined) ?? null,
    operations: operations.map((operation, index) => {
      const at = `Operation ${index + 1}`;
      if (!isJsonObject(operation)) throw new ScimError(400, 'invalidSyntax', `${at} must be an object.`);
      const method = String(field(operation, 'method') ?? '').toUpperCase();
      if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) {
        throw new ScimError(400, 'invalidValue', `${at}'s method must be POST, PUT, PATCH or DELETE.`);
      }
      const path = field(operation, 'path');
      if (typeof path !== 'string' || !/^\/(Users|Groups)(\/[^/]+)?$/.test(path)) {
        throw new ScimError(400, 'invalidPath', `${at}'s path must be /Users, /Groups, /Users/{id} or /Groups/{id}.`);
      }
      const bulkId = field(operation, 'bulkId');
      if (method === 'POST' && (typeof bulkId !== 'string' || bulkId === '')) {
        throw new ScimError(400, 'invalidValue', `${at} is a POST and needs a bulkId (RFC 7644 §3.7).`);
      }
      const version = field(operation, 'version');
      return {
        method: method as BulkOperation['method'],
        path,
        data: field(operation, 'data'),
        ...(typeof bulkId === 'string' ? { bulkId } : {}),
        ...(typeof version === 'string' ? { version } : {}),
      };
    }),
  };
}

/** "bulkId:<id>" as a value, or as the resource of a path ("/Users/bulkId:<id>", what a later operation changes). */
const BULK_REFERENCE = /^((?:\/(?:Users|Groups)\/)?)bulkId:(.+)$/;

/** The bulkIds a value refers to ("bulkId:<id>" strings anywhere in it). */
export function bulkReferences(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const match = BULK_REFERENCE.exec(value);
    if (match) found.add(match[2]!);
  } else if (Array.isArray(value)) value.forEach((item) => bulkReferences(item, found));
  else if (isJsonObject(value)) Object.values(value).forEach((item) => bulkReferences(item, found));
  return found;
}

/** The value with every "bulkId:<id>" whose resource was created replaced by that resource's id. */
export function resolveBulkReferences(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    const match = BULK_REFERENCE.exec(value);
    return match && ids.has(match[2]!) ? `${match[1]}${ids.get(match[2]!)}` : value;
  }
  if (Array.isArray(value)) return value.map((item) => resolveBulkReferences(item, ids));
  if (isJsonObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveBulkReferences(item, ids)]));
  return value;
}
