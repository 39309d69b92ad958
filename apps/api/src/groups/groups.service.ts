import { Injectable } from '@nestjs/common';
import { type CountedGroup, mapPage, type TenantTransaction } from '@roster/db';
import { change, memberAdded, memberRemoved } from '@roster/domain';
import { Work } from '../changes/work.js';
import type { Page, PageQuery } from '../common/schemas.js';
import {
  type CreateGroupInput,
  type GroupListQuery,
  type GroupResponse,
  toGroupResponse,
  type UpdateGroupInput,
} from './group.schemas.js';

const asResponse = ({ group, memberCount }: CountedGroup): GroupResponse => toGroupResponse(group, memberCount);

/** Groups of the tenant the request acts on, and their members (API.md §5). */
@Injectable()
export class GroupsService {
  constructor(private readonly work: Work) {}

  async create(input: CreateGroupInput): Promise<GroupResponse> {
    return this.work.tenant().run(async (data) => {
      const group = data.groups.create({ name: input.name, description: input.description ?? '' });
      await data.groups.save(group);
      const after = toGroupResponse(await data.groups.get(group.id), 0);
      data.record(change('group.created', group.id, null, after));
      return after;
    });
  }

  async list(query: GroupListQuery): Promise<Page<GroupResponse>> {
    return this.work.tenant().read(async (data) => {
      // An unknown role key is a 404, like the users list's role filter, not an empty list.
      const roleId = query.roleKey ? (await data.roles.get(query.roleKey)).id : undefined;
      return mapPage(await data.groups.list({ search: query.search, roleId }, query), asResponse);
    });
  }

  /** The groups one user is in, by name. */
  async listOfUser(userId: string, page: PageQuery): Promise<Page<GroupResponse>> {
    return this.work.tenant().read(async (data) => {
      await data.users.get(userId);
      return mapPage(await data.groups.list({ memberId: userId }, page), asResponse);
    });
  }

  async get(id: string): Promise<GroupResponse> {
    return this.work
      .tenant()
      .read(async (data) => toGroupResponse(await data.groups.get(id), await data.groups.memberCount(id)));
  }

  async update(id: string, input: UpdateGroupInput): Promise<GroupResponse> {
    return this.work.tenant().run(async (data) => {
      const group = await data.groups.get(id, { lock: true });
      const memberCount = await data.groups.memberCount(id);
      const before = toGroupResponse(group, memberCount);
      if (input.name !== undefined) group.name = input.name;
      if (input.description !== undefined) group.description = input.description;
      if (JSON.stringify(toGroupResponse(group, memberCount)) === JSON.stringify(before)) return before;
      group.updatedAt = new Date();
      await data.groups.save(group);
      const after = toGroupResponse(group, memberCount);
      data.record(change('group.updated', id, before, after));
      return after;
    });
  }

  /** Memberships and the group's grants go with it, so its members lose those roles at once. */
  async remove(id: string): Promise<void> {
    await this.work.tenant().run(async (data) => {
      const group = await data.groups.get(id, { lock: true });
      const before = toGroupResponse(group, await data.groups.memberCount(id));
      await data.groups.delete({ id });
      data.record(change('group.deleted', id, before, null));
    });
  }

  /** Idempotent: adding a member twice records one change. */
  async addMember(groupId: string, userId: string): Promise<void> {
    await this.work.tenant().run(async (data) => {
      const group = await this.groupAndUser(data, groupId, userId);
      data.record(...(await data.members.add(groupId, [userId])).map((added) => memberAdded(group, added)));
    });
  }

  async removeMember(groupId: string, userId: string): Promise<void> {
    await this.work.tenant().run(async (data) => {
      const group = await this.groupAndUser(data, groupId, userId);
      data.record(...(await data.members.remove(groupId, [userId])).map((removed) => memberRemoved(group, removed)));
    });
  }

  /** The group, once the user is known to exist and is held (see EndUsersRepository.hold). */
  private async groupAndUser(data: TenantTransaction, groupId: string, userId: string) {
    const group = await data.groups.get(groupId);
    await data.users.hold(userId);
    return group;
  }
}
