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
import { z } from 'zod';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { rawJson } from '../common/raw-json.js';
import { ResourceId } from '../common/resource-id.pipe.js';
import { pageOf } from '../common/schemas.js';
import { problemSchema } from '../openapi/problem.schema.js';
import {
  createUserSchema,
  type CreateUserInput,
  setPasswordSchema,
  updateUserSchema,
  type UpdateUserInput,
  userListQuerySchema,
  type UserListQuery,
  userSchema,
} from './user.schemas.js';
import { UsersService } from './users.service.js';
import { BulkActionsService } from './bulk-actions.service.js';
import { type BulkActionInput, bulkActionSchema, bulkResultSchema } from './bulk-action.schemas.js';

const deleteQuerySchema = z
  .object({
    ifNoRoles: z
      .enum(['true', 'false'], { message: 'must be true or false' })
      .optional()
      .transform((value) => value === 'true')
      .describe('refuse (409) while the user holds a directly granted role (one past its expiry does not count)'),
  })
  .strict();

const userId = () => Param('userId', new ResourceId('User'));
const tenantScoped = () => Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' });

@ApiTags('Users')
@Controller('tenants/:tenantId/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly bulkActions: BulkActionsService,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'createUser',
    summary: 'Create an end user',
    description:
      'Creates a registered user (username unique per tenant after normalization: NFKC, then case folding; ' +
      'optional password and personal data) or an anonymous one (`{"kind": "anonymous"}`, no username, password ' +
      'or personal data). A password must be 8–256 characters and differ from the username (400). Usernames and ' +
      'names refuse invisible and direction-control characters, usernames a mix of look-alike scripts (400). An ' +
      'e-mail address another user of the tenant has, in any case, is a 409.',
  })
  @ApiConflictResponse({
    description: 'A user with this username (once normalized) or e-mail address (ignoring case) exists in the tenant',
    standardSchema: problemSchema,
  })
  @tenantScoped()
  @ApiCreatedResponse({ standardSchema: userSchema })
  create(@Body({ schema: createUserSchema }) body: CreateUserInput) {
    return this.users.create(body);
  }

  @Get()
  @ApiOperation({
    operationId: 'listUsers',
    summary: 'List end users',
    description:
      'Filters by `search` (username, name or e-mail, case-insensitive substring), `isActive`, `kind`, ' +
      '`licenseClass` (one class or several, comma-separated, as the users count now), `groupId` and `roleKey` ' +
      '(granted directly or through a group), and a window on the last login: `lastLoginBefore=T` keeps users who ' +
      'last logged in before T **or never logged in**, `lastLoginAfter=T` those who logged in at or after T (never ' +
      'logged in: left out), as the `lastLoginAt` sort places them; both at once must leave room between them. ' +
      'Sorts by username, creation or last login. Pages stay stable while users change; `countUsers` counts the ' +
      'same filters.',
  })
  @tenantScoped()
  @ApiOkResponse({ description: 'Keyset-paginated; stable across pages', standardSchema: pageOf(userSchema) })
  list(@Query({ schema: userListQuerySchema }) query: UserListQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return rawJson(reply, this.users.listAsJson(query));
  }

  @Post('bulk')
  @ApiOperation({
    operationId: 'runUserBulkAction',
    summary: 'Act on many users at once',
    description:
      'Activates, deactivates, deletes, adds to or removes from a group, grants or revokes a role for up to 1000 ' +
      'users in one transaction. Users that are not in this tenant fail one by one (listed in `failed` with 404); ' +
      'the others succeed. `grant-role` takes an optional `expiresAt` and sets every user’s direct grant to it, as ' +
      '`PUT …/users/:userId/roles/:roleKey` sets one: a grant the user holds already takes that expiry, and without ' +
      '`expiresAt` (or with null) no grant expires, so one held with an expiry loses it. An `expiresAt` not in the ' +
      'future answers 400 and changes nothing.',
  })
  @HttpCode(200)
  @tenantScoped()
  @ApiOkResponse({
    description: 'One transaction; users not in this tenant fail one by one (404), the rest succeed',
    standardSchema: bulkResultSchema,
  })
  bulk(@Body({ schema: bulkActionSchema }) body: BulkActionInput) {
    return this.bulkActions.run(body);
  }

  @Get(':userId')
  @ApiOperation({
    operationId: 'getUser',
    summary: 'Get an end user',
    description: 'One user; never a password or hash.',
  })
  @tenantScoped()
  @ApiOkResponse({ standardSchema: userSchema })
  get(@userId() id: string) {
    return this.users.get(id);
  }

  @Patch(':userId')
  @ApiOperation({
    operationId: 'updateUser',
    summary: 'Update an end user',
    description:
      'Changes any field given at creation but `kind` and `password` (use `PUT …/password`). Giving an anonymous ' +
      'user a username makes it registered.',
  })
  @ApiConflictResponse({
    description: 'A user with this username (once normalized) or e-mail address (ignoring case) exists in the tenant',
    standardSchema: problemSchema,
  })
  @tenantScoped()
  @ApiOkResponse({
    description: 'Giving an anonymous user personal data (with a username) makes it registered',
    standardSchema: userSchema,
  })
  update(@userId() id: string, @Body({ schema: updateUserSchema }) body: UpdateUserInput) {
    return this.users.update(id, body);
  }

  @Delete(':userId')
  @ApiOperation({
    operationId: 'deleteUser',
    summary: 'Delete an end user',
    description:
      'Deletes the user with their memberships and grants; the usage count drops at the next count. With ' +
      '`ifNoRoles=true` the delete is refused (409) while the user holds a directly granted role; a grant past ' +
      'its `expiresAt` holds nothing and does not count, even before Roster has removed it.',
  })
  @ApiConflictResponse({
    description: 'The user holds a directly granted role and `ifNoRoles=true` was given',
    standardSchema: problemSchema,
  })
  @HttpCode(204)
  @tenantScoped()
  @ApiNoContentResponse({ description: 'Permanent: memberships and grants go with the user' })
  async remove(@userId() id: string, @Query({ schema: deleteQuerySchema }) query: { ifNoRoles: boolean }) {
    await this.users.remove(id, query.ifNoRoles);
  }

  @Post(':userId/deactivate')
  @ApiOperation({
    operationId: 'deactivateUser',
    summary: 'Deactivate an end user',
    description:
      'Suspends every role of the user (grants are kept) and blocks their logins. Idempotent; returns the user.',
  })
  @HttpCode(200)
  @tenantScoped()
  @ApiOkResponse({ description: 'Suspends every role, keeps every grant; idempotent', standardSchema: userSchema })
  deactivate(@userId() id: string) {
    return this.users.setActive(id, false);
  }

  @Post(':userId/activate')
  @ApiOperation({
    operationId: 'activateUser',
    summary: 'Activate an end user',
    description: 'Restores the roles the user held and allows logins again. Idempotent; returns the user.',
  })
  @HttpCode(200)
  @tenantScoped()
  @ApiOkResponse({ description: 'Restores the roles the user held; idempotent', standardSchema: userSchema })
  activate(@userId() id: string) {
    return this.users.setActive(id, true);
  }

  @Put(':userId/password')
  @ApiOperation({
    operationId: 'setUserPassword',
    summary: 'Set an end user’s password',
    description:
      'Replaces the user’s password (8–256 characters, not equal to the username, else 400). Anonymous users hold ' +
      'no password (409).',
  })
  @ApiConflictResponse({ description: 'The user is anonymous', standardSchema: problemSchema })
  @HttpCode(204)
  @tenantScoped()
  @ApiNoContentResponse({ description: 'Stored as an argon2id hash; never returned' })
  async setPassword(@userId() id: string, @Body({ schema: setPasswordSchema }) body: { password: string }) {
    await this.users.setPassword(id, body.password);
  }
}
