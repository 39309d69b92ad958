import { Injectable } from '@nestjs/common';
import {
  BULK_RESPONSE_SCHEMA,
  type BulkOperation,
  type BulkResult,
  bulkReferences,
  type JsonObject,
  readBulkRequest,
  resolveBulkReferences,
  ScimError,
} from '@roster/domain';
import { ProblemFilter } from '../../common/problem.filter.js';
import { ScimGroupsService } from '../groups/scim-groups.service.js';
import { ScimUsersService } from '../users/scim-users.service.js';
import { scimErrorOf } from '../scim-http.js';

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
        [...bulkReferences([operation.path, operation.data])].every((id) => ids.has(id)),
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
        const missing = [...bulkReferences([operation.path, operation.data])].filter((id) => !ids.has(id));
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
    const path = resolveBulkReferences(operation.path, ids) as string;
    const data = resolveBulkReferences(operation.data, ids);
    const [, type, id] = /^\/(Users|Groups)(?:\/([^/]+))?$/.exec(path)!;
    const base = { method: operation.method, ...(operation.bulkId ? { bulkId: operation.bulkId } : {}) };
    try {
      // A bulk result carries no resource, so a user's groups are not read.
      const answered = { withGroups: false, location };
      if (operation.method === 'POST') {
        if (id) throw new ScimError(400, 'invalidPath', `POST goes to /${type}, not to one resource.`);
        const created =
          type === 'Users' ? await this.users.create(data, answered) : await this.groups.create(data, location);
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
            ? await this.users.replace(id, data, operation.version, answered)
            : await this.users.patch(id, data, operation.version, answered)
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
