import { Injectable } from '@nestjs/common';
import type { ScimGroupRow, TenantTransaction, UserGroup } from '@roster/db';
import {
  change,
  type GroupPatchStep,
  type JsonObject,
  memberAdded,
  memberRemoved,
  planScimGroupPatch,
  readScimGroup,
  ScimError,
  type ScimGroupFilter,
  type ScimGroupSortKey,
  toScimGroup,
} from '@roster/domain';
import { Work } from '../../changes/work.js';
import { toGroupResponse } from '../../groups/group.schemas.js';
import { checkIfMatch, etagOf } from '../scim-etag.js';
import { listResponse, type ScimListRequest } from '../scim-list.js';
import type { ScimAnswer } from '../scim-responses.js';
import { ScimTotals } from '../scim-totals.js';

/**
 * A tenant's groups as SCIM Groups (issue 17), through the unit of work: every membership change is a
 * group.member.added or .removed event with the SCIM token as actor, exactly as through the groups API.
 */
@Injectable()
export class ScimGroupsService {
  constructor(
    private readonly work: Work,
    private readonly totals: ScimTotals,
  ) {}

  async list(request: ScimListRequest<ScimGroupFilter, ScimGroupSortKey>, location: string): Promise<JsonObject> {
    return this.work.tenant().read(async (data) => {
      const query = { filter: request.filter, sort: request.sort, withMembers: request.wants('members') };
      const rows = await data.scimGroups.page(query, request.paging);
      const total = await this.totals.forPage('Groups', request, rows.length, () =>
        data.scimGroups.count(request.filter),
      );
      return listResponse(request, rows, total, (row) => request.project(resourceOf(row, location)));
    });
  }

  async get(id: string, withMembers: boolean, location: string): Promise<ScimAnswer> {
    return this.work.tenant().read(async (data) => answer(await found(data, id, withMembers), location));
  }

  async create(body: unknown, location: string): Promise<ScimAnswer> {
    const write = readScimGroup(body);
    return this.work.tenant().run(async (data) => {
      const group = data.groups.create({ name: write.displayName, description: '', externalId: write.externalId });
      await data.groups.save(group);
      data.record(change('group.created', group.id, null, toGroupResponse(await data.groups.get(group.id), 0)));
      await addMembers(data, group, write.members);
      return answer(await found(data, group.id, true), location);
    });
  }

  /** PUT: the name, externalId and exactly the members given. */
  async replace(id: string, body: unknown, ifMatch: string | undefined, location: string): Promise<ScimAnswer> {
    const write = readScimGroup(body);
    return this.work.tenant().run(async (data) => {
      const group = await locked(data, id, ifMatch);
      await rename(data, group, write.displayName, write.externalId);
      const current = new Set(((await found(data, id, true)).members ?? []).map((member) => member.id));
      const wanted = new Set(write.members);
      await removeMembers(
        data,
        group,
        [...current].filter((member) => !wanted.has(member)),
      );
      await addMembers(
        data,
        group,
        write.members.filter((member) => !current.has(member)),
      );
      await data.scimGroups.touch(id);
      return answer(await found(data, id, true), location);
    });
  }

  /** PATCH: the plan's steps in order, as set operations on the membership (never the member list in memory). */
  async patch(id: string, body: unknown, ifMatch: string | undefined): Promise<{ version: string }> {
    const steps = planScimGroupPatch(body, id);
    return this.work.tenant().run(async (data) => {
      const group = await locked(data, id, ifMatch);
      for (const step of steps) await applyStep(data, group, step);
      await data.scimGroups.touch(id);
      return { version: etagOf((await found(data, id, false)).version) };
    });
  }

  async remove(id: string, ifMatch: string | undefined): Promise<void> {
    await this.work.tenant().run(async (data) => {
      const group = await locked(data, id, ifMatch);
      const before = toGroupResponse(group, await data.groups.memberCount(id));
      await data.groups.delete({ id });
      data.record(change('group.deleted', id, before, null));
    });
  }
}

async function applyStep(data: TenantTransaction, group: UserGroup, step: GroupPatchStep): Promise<void> {
  switch (step.kind) {
    case 'displayName':
      return rename(data, group, step.value, group.externalId);
    case 'externalId':
      return rename(data, group, group.name, step.value);
    case 'addMembers':
      return addMembers(data, group, step.ids);
    case 'removeMembers':
      return removeMembers(data, group, step.ids);
    case 'removeAllMembers':
      data.record(...(await data.scimGroups.removeAllMembers(group.id)).map((userId) => memberRemoved(group, userId)));
  }
}

async function rename(
  data: TenantTransaction,
  group: UserGroup,
  name: string,
  externalId: string | null,
): Promise<void> {
  if (group.name === name && group.externalId === externalId) return;
  const before = toGroupResponse(group, 0);
  group.name = name;
  group.externalId = externalId;
  group.updatedAt = new Date();
  await data.groups.save(group);
  const memberCount = await data.groups.memberCount(group.id);
  data.record(change('group.updated', group.id, { ...before, memberCount }, toGroupResponse(group, memberCount)));
}

/** Adds users of the tenant; an id that is no user of it is a 400 naming it, and nothing is written. */
async function addMembers(data: TenantTransaction, group: UserGroup, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const existing = await data.scimUsers.existing(ids);
  const unknown = ids.filter((id) => !existing.has(id));
  if (unknown.length > 0) {
    throw new ScimError(
      400,
      'invalidValue',
      `members: ${unknown.slice(0, 5).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} no User of this tenant.`,
    );
  }
  data.record(...(await data.members.add(group.id, ids)).map((userId) => memberAdded(group, userId)));
}

async function removeMembers(data: TenantTransaction, group: UserGroup, ids: readonly string[]): Promise<void> {
  data.record(...(await data.members.remove(group.id, ids)).map((userId) => memberRemoved(group, userId)));
}

/** The group, locked for a change, after If-Match is checked. */
async function locked(data: TenantTransaction, id: string, ifMatch: string | undefined): Promise<UserGroup> {
  const version = await data.scimGroups.lockVersion(id);
  if (version === null) throw groupNotFound(id);
  checkIfMatch(ifMatch, version);
  return data.groups.get(id);
}

async function found(data: TenantTransaction, id: string, withMembers: boolean): Promise<ScimGroupRow> {
  const row = await data.scimGroups.get(id, withMembers);
  if (!row) throw groupNotFound(id);
  return row;
}

const groupNotFound = (id: string) => new ScimError(404, undefined, `Group ${id} was not found in this tenant.`);

function resourceOf(row: ScimGroupRow, location: string): JsonObject {
  return toScimGroup(row, row.members, { location: `${location}/Groups/${row.id}`, version: etagOf(row.version) });
}

function answer(row: ScimGroupRow, location: string): ScimAnswer {
  return { resource: resourceOf(row, location), version: etagOf(row.version) };
}
