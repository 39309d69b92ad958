import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { TENANT_MANAGERS, USERNAME_MAX_LENGTH } from '@roster/domain';
import type { FastifyReply } from 'fastify';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { problemSchema } from '../openapi/problem.schema.js';
import { type UserFilterQuery, userCountQuerySchema, userCountSchema, userSchema } from './user.schemas.js';
import { upsertUserSchema, type UpsertUserInput } from './user-upsert.schemas.js';
import { UserUpsertService } from './user-upsert.service.js';
import { UsersService } from './users.service.js';

const tenantScoped = () => Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' });
const usernameParam = () =>
  ApiParam({
    name: 'username',
    required: true,
    description:
      'the username, percent-encoded; compared as uniqueness compares them (NFKC, then case folding), so ' +
      '`ADA`, `ada` and `ＡＤＡ` name one user',
    schema: { type: 'string', minLength: 1, maxLength: USERNAME_MAX_LENGTH },
  });

/**
 * The users of a tenant found by username, and counted (API.md §10). Static segments under `users/`, which
 * Fastify's router matches before `users/:userId`, whatever the order routes were declared in.
 */
@ApiTags('Users')
@Controller('tenants/:tenantId/users')
export class UserLookupController {
  constructor(
    private readonly users: UsersService,
    private readonly upserts: UserUpsertService,
  ) {}

  @Get('count')
  @ApiOperation({
    operationId: 'countUsers',
    summary: 'Count end users',
    description:
      'How many users the list (`listUsers`) would hold with the same filters, without paging through it: ' +
      '`search`, `isActive`, `kind`, `licenseClass`, `groupId`, `roleKey`/`roleSource`, and the last-login ' +
      'window. `lastLoginBefore=T` counts users who last logged in before T **or never logged in** (never sorts ' +
      'as the earliest time, as in the `lastLoginAt` sort); `lastLoginAfter=T` counts users who logged in at or ' +
      'after T, never those who never logged in. Both at once must leave room between them ' +
      '(`lastLoginAfter < lastLoginBefore`), else 400.',
  })
  @tenantScoped()
  @ApiOkResponse({ description: 'One count over the tenant’s indexes', standardSchema: userCountSchema })
  count(@Query({ schema: userCountQuerySchema }) query: UserFilterQuery) {
    return this.users.count(query);
  }

  @Get('by-username/:username')
  @ApiOperation({
    operationId: 'getUserByUsername',
    summary: 'Find an end user by username',
    description:
      'The user of the tenant with this username, compared after normalization (NFKC, then case folding), as ' +
      'uniqueness and logins compare usernames: exact, never a substring (use `listUsers` with `search` for ' +
      'that). 404 when no user of this tenant has it.',
  })
  @usernameParam()
  @tenantScoped()
  @ApiNotFoundResponse({
    description: 'No user of this tenant has this username (the detail names it)',
    standardSchema: problemSchema,
  })
  @ApiOkResponse({ standardSchema: userSchema })
  getByUsername(@Param('username') username: string) {
    return this.users.getByUsername(username);
  }

  @Put('by-username/:username')
  @ApiOperation({
    operationId: 'upsertUserByUsername',
    summary: 'Create or update an end user by username',
    description:
      'Takes the create body (`createUser`’s rules) and creates the registered user with the path’s username ' +
      '(201), or, when the tenant has a user with that username (once normalized), changes only the fields ' +
      'given, as `updateUser` does (200); a `password` sets the password, under the password rules. A `username` ' +
      'in the body must be the path’s once normalized (it may change how the name is written), else 400; ' +
      '`kind: "anonymous"` is a 400. Audited and announced as a creation or an update. Two requests for one new ' +
      'username at once create one user: the other updates it.',
  })
  @usernameParam()
  @ApiConflictResponse({
    description:
      'Another user of the tenant has this e-mail address (ignoring case), or other requests kept creating and ' +
      'deleting this user meanwhile',
    standardSchema: problemSchema,
  })
  @tenantScoped()
  @ApiCreatedResponse({ description: 'No user had this username: created', standardSchema: userSchema })
  @ApiOkResponse({
    description: 'The user with this username, with the given fields changed',
    standardSchema: userSchema,
  })
  async upsertByUsername(
    @Param('username') username: string,
    @Body({ schema: upsertUserSchema }) body: UpsertUserInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { created, user } = await this.upserts.upsert(username, body);
    void reply.status(created ? 201 : 200);
    return user;
  }
}
