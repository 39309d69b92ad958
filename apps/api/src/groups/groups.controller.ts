import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { TENANT_MANAGERS } from '@roster/domain';
import type { FastifyReply } from 'fastify';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { rawJson } from '../common/raw-json.js';
import { ResourceId } from '../common/resource-id.pipe.js';
import { pageOf, pageQuery, type PageQuery } from '../common/schemas.js';
import { problemSchema } from '../openapi/problem.schema.js';
import { userSchema } from '../users/user.schemas.js';
import {
  createGroupSchema,
  type CreateGroupInput,
  groupListQuerySchema,
  type GroupListQuery,
  groupSchema,
  memberListQuerySchema,
  type MemberListQuery,
  updateGroupSchema,
  type UpdateGroupInput,
} from './group.schemas.js';
import { GroupsService } from './groups.service.js';
import { UsersService } from '../users/users.service.js';

const groupId = () => Param('groupId', new ResourceId('Group'));
const userId = () => Param('userId', new ResourceId('User'));
const tenantScoped = () => Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' });

@ApiTags('Groups')
@Controller('tenants/:tenantId')
export class GroupsController {
  constructor(
    private readonly groups: GroupsService,
    private readonly users: UsersService,
  ) {}

  @Post('groups')
  @ApiOperation({
    operationId: 'createGroup',
    summary: 'Create a group',
    description: 'Adds a group to the tenant. Names are unique per tenant, ignoring case.',
  })
  @ApiConflictResponse({
    description: 'A group with this name already exists in the tenant',
    standardSchema: problemSchema,
  })
  @tenantScoped()
  @ApiCreatedResponse({ description: 'Name unique per tenant, ignoring case', standardSchema: groupSchema })
  create(@Body({ schema: createGroupSchema }) body: CreateGroupInput) {
    return this.groups.create(body);
  }

  @Get('groups')
  @ApiOperation({
    operationId: 'listGroups',
    summary: 'List groups',
    description: 'The tenant’s groups by name, each with its `memberCount`; `search` filters by name.',
  })
  @tenantScoped()
  @ApiOkResponse({ description: 'By name, each with its memberCount', standardSchema: pageOf(groupSchema) })
  list(@Query({ schema: groupListQuerySchema }) query: GroupListQuery) {
    return this.groups.list(query);
  }

  @Get('groups/:groupId')
  @ApiOperation({ operationId: 'getGroup', summary: 'Get a group', description: 'One group with its `memberCount`.' })
  @tenantScoped()
  @ApiOkResponse({ standardSchema: groupSchema })
  get(@groupId() id: string) {
    return this.groups.get(id);
  }

  @Patch('groups/:groupId')
  @ApiOperation({
    operationId: 'updateGroup',
    summary: 'Update a group',
    description: 'Renames the group or changes its description.',
  })
  @ApiConflictResponse({
    description: 'A group with this name already exists in the tenant',
    standardSchema: problemSchema,
  })
  @tenantScoped()
  @ApiOkResponse({ standardSchema: groupSchema })
  update(@groupId() id: string, @Body({ schema: updateGroupSchema }) body: UpdateGroupInput) {
    return this.groups.update(id, body);
  }

  @Delete('groups/:groupId')
  @ApiOperation({
    operationId: 'deleteGroup',
    summary: 'Delete a group',
    description:
      'Deletes the group, its memberships and its role grants; members lose the roles they held only through it at ' +
      'once.',
  })
  @HttpCode(204)
  @tenantScoped()
  @ApiNoContentResponse({ description: 'Removes memberships and group grants; members lose those roles at once' })
  async remove(@groupId() id: string) {
    await this.groups.remove(id);
  }

  @Get('groups/:groupId/members')
  @ApiOperation({
    operationId: 'listGroupMembers',
    summary: 'List a group’s members',
    description: 'The group’s users, with the filters and sorts of the users list.',
  })
  @tenantScoped()
  @ApiOkResponse({
    description: 'Users, with the filters and sorts of the users list',
    standardSchema: pageOf(userSchema),
  })
  members(
    @groupId() id: string,
    @Query({ schema: memberListQuerySchema }) query: MemberListQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return rawJson(reply, this.users.listAsJson({ ...query, groupId: id }));
  }

  @Put('groups/:groupId/members/:userId')
  @ApiOperation({
    operationId: 'addGroupMember',
    summary: 'Add a user to a group',
    description: 'The user gains the group’s roles at once. Idempotent.',
  })
  @HttpCode(204)
  @tenantScoped()
  @ApiNoContentResponse({ description: 'Idempotent' })
  async addMember(@groupId() id: string, @userId() user: string) {
    await this.groups.addMember(id, user);
  }

  @Delete('groups/:groupId/members/:userId')
  @ApiOperation({
    operationId: 'removeGroupMember',
    summary: 'Remove a user from a group',
    description: 'The user loses the roles held only through this group at once. Idempotent.',
  })
  @HttpCode(204)
  @tenantScoped()
  @ApiNoContentResponse({ description: 'Idempotent' })
  async removeMember(@groupId() id: string, @userId() user: string) {
    await this.groups.removeMember(id, user);
  }

  @Get('users/:userId/groups')
  @ApiOperation({
    operationId: 'listUserGroups',
    summary: 'List a user’s groups',
    description: 'The groups the user is a member of, by name.',
  })
  @tenantScoped()
  @ApiOkResponse({ description: 'The groups the user is in, by name', standardSchema: pageOf(groupSchema) })
  groupsOfUser(@userId() user: string, @Query({ schema: pageQuery }) page: PageQuery) {
    return this.groups.listOfUser(user, page);
  }
}
