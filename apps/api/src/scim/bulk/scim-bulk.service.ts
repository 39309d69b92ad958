import { Injectable } from '@nestjs/common';
import { isJsonObject, type JsonObject, ScimError } from '@roster/domain';
import { ProblemFilter } from '../../common/problem.filter.js';
import { ScimGroupsService } from '../groups/scim-groups.service.js';
import { ScimUsersService } from '../users/scim-users.service.js';
import { scimErrorOf } from '../scim-http.js';
import { BULK_LIMITS } from './bulk.limits.js';

export const BULK_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const BULK_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

interface BulkOperation {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  bulkId?: string;
  version?: string;
  path: string;
  data?: unknown;
}

interface BulkResult {
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

const BULK_REFERENCE = /^bulkId:(.+)$/;

/** The bulkIds a value refers to ("bulkId:<id>" strings anywhere in it). */
function references(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const match = BULK_REFERENCE.exec(value);
    if (match) found.add(match[1]!);
  } else if (Array.isArray(value)) value.forEach((item) => references(item, found));
  else if (isJsonObject(value)) Object.values(value).forEach((item) => references(item, found));
  return found;
}

function resolve(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string') {
    const match = BULK_REFERENCE.exec(value);
    return match && ids.has(match[1]!) ? ids.get(match[1]!) : value;
  }
  if (Array.isArray(value)) return value.map((item) => resolve(item, ids));
  if (isJsonObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item, ids)]));
  return value;
}

/**
 * The Bulk endpoint (RFC 7644 §3.7): each operation runs as the single request it stands for, in its own
 * transaction, through the same services. Operations that refer to another's bulkId wait until it has run
 * (forward references included); one whose reference can never be resolved (a cycle, an unknown or failed
 * bulkId) fails with 409. After failOnErrors errors, the rest is not run.
 */
@Injectable()
export class ScimBulkService {
  private readonly problems = new ProblemFilter();

  constructor(
    private readonly users: ScimUsersService,
    private readonly groups: ScimGroupsService,
  ) {}

  async run(body: unknown, location: string): Promise<JsonObject> {
    const { failOnErrors, operations } = readBulkRequest(body);
    const ids = new Map<string, string>();
    const results = new Map<number, BulkResult>();
    let errors = 0;
    let pending = operations.map((operation, index) => ({ operation, index }));
    while (pending.length > 0 && (failOnErrors === null || errors < failOnErrors)) {
      const ready = pending.filter(({ operation }) =>
        [...references([operation.path, operation.data])].every((id) => ids.has(id)),
      );
      if (ready.length === 0) break;
      for (const { operation, index } of ready) {
        if (failOnErrors !== null && errors >= failOnErrors) break;
        const result = await this.runOne(operation, ids, location);
        results.set(index, result);
        if (Number(result.status) >= 400) errors += 1;
      }
      pending = pending.filter(({ index }) => !results.has(index));
    }
    if (failOnErrors === null || errors < failOnErrors) {
      for (const { operation, index } of pending) {
        const missing = [...references([operation.path, operation.data])].filter((id) => !ids.has(id));
        results.set(
          index,
          failure(
            operation,
            new ScimError(
              409,
              undefined,
              `bulkId ${missing.map((id) => JSON.stringify(id)).join(', ')} could not be resolved: no operation created it, it failed, or the references form a cycle.`,
            ),
          ),
        );
      }
    }
    return {
      schemas: [BULK_RESPONSE_SCHEMA],
      Operations: [...results.entries()].sort(([a], [b]) => a - b).map(([, result]) => result),
    };
  }

  private async runOne(operation: BulkOperation, ids: Map<string, string>, location: string): Promise<BulkResult> {
    const path = resolve(operation.path, ids) as string;
    const data = resolve(operation.data, ids);
    const [, type, id] = /^\/(Users|Groups)(?:\/([^/]+))?$/.exec(path)!;
    const base = { method: operation.method, ...(operation.bulkId ? { bulkId: operation.bulkId } : {}) };
    try {
      if (operation.method === 'POST') {
        if (id) throw new ScimError(400, 'invalidPath', `POST goes to /${type}, not to one resource.`);
        const created =
          type === 'Users' ? await this.users.create(data, location) : await this.groups.create(data, location);
        ids.set(operation.bulkId!, created.resource.id as string);
        const where = (created.resource.meta as { location: string }).location;
        return { ...base, location: where, version: created.version, status: '201' };
      }
      if (!id) throw new ScimError(400, 'invalidPath', `${operation.method} needs a resource: /${type}/{id}.`);
      const where = `${location}/${type}/${id}`;
      if (operation.method === 'DELETE') {
        await (type === 'Users' ? this.users.remove(id, operation.version) : this.groups.remove(id, operation.version));
        return { ...base, location: where, status: '204' };
      }
      if (type === 'Groups' && operation.method === 'PATCH') {
        const { version } = await this.groups.patch(id, data, operation.version);
        return { ...base, location: where, version, status: '204' };
      }
      const written =
        type === 'Users'
          ? operation.method === 'PUT'
            ? await this.users.replace(id, data, operation.version, location)
            : await this.users.patch(id, data, operation.version, location)
          : await this.groups.replace(id, data, operation.version, location);
      return { ...base, location: where, version: written.version, status: '200' };
    } catch (error) {
      return failure(operation, error, this.problems);
    }
  }
}

/** An operation's error as RFC 7644 §3.7.3 reports it: its status, and the SCIM error as `response`. */
function failure(operation: BulkOperation, error: unknown, problems = new ProblemFilter()): BulkResult {
  const scim = error instanceof ScimError ? error.toScimError() : scimErrorOf(problems.toProblem(error));
  return {
    method: operation.method,
    ...(operation.bulkId ? { bulkId: operation.bulkId } : {}),
    status: scim.status,
    response: scim,
  };
}
