import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { TENANT_MANAGERS } from '@roster/domain';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { rawJson } from '../common/raw-json.js';
import { ResourceId } from '../common/resource-id.pipe.js';
import { pageOf } from '../common/schemas.js';
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
      .describe('refuse (409) while the user holds a directly granted role'),
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
  @tenantScoped()
  @ApiCreatedResponse({ standardSchema: userSchema })
  create(@Body({ schema: createUserSchema }) body: CreateUserInput) {
    return this.users.create(body);
  }

  @Get()
  @tenantScoped()
  @ApiOkResponse({ description: 'Keyset-paginated; stable across pages', standardSchema: pageOf(userSchema) })
  list(@Query({ schema: userListQuerySchema }) query: UserListQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return rawJson(reply, this.users.listAsJson(query));
  }

  @Post('bulk')
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
  @tenantScoped()
  @ApiOkResponse({ standardSchema: userSchema })
  get(@userId() id: string) {
    return this.users.get(id);
  }

  @Patch(':userId')
  @tenantScoped()
  @ApiOkResponse({
    description: 'Giving an anonymous user personal data (with a username) makes it registered',
    standardSchema: userSchema,
  })
  update(@userId() id: string, @Body({ schema: updateUserSchema }) body: UpdateUserInput) {
    return this.users.update(id, body);
  }

  @Delete(':userId')
  @HttpCode(204)
  @tenantScoped()
  @ApiNoContentResponse({ description: 'Permanent: memberships and grants go with the user' })
  async remove(@userId() id: string, @Query({ schema: deleteQuerySchema }) query: { ifNoRoles: boolean }) {
    await this.users.remove(id, query.ifNoRoles);
  }

  @Post(':userId/deactivate')
  @HttpCode(200)
  @tenantScoped()
  @ApiOkResponse({ description: 'Suspends every role, keeps every grant; idempotent', standardSchema: userSchema })
  deactivate(@userId() id: string) {
    return this.users.setActive(id, false);
  }

  @Post(':userId/activate')
  @HttpCode(200)
  @tenantScoped()
  @ApiOkResponse({ description: 'Restores the roles the user held; idempotent', standardSchema: userSchema })
  activate(@userId() id: string) {
    return this.users.setActive(id, true);
  }

  @Put(':userId/password')
  @HttpCode(204)
  @tenantScoped()
  @ApiNoContentResponse({ description: 'Stored as an argon2id hash; never returned' })
  async setPassword(@userId() id: string, @Body({ schema: setPasswordSchema }) body: { password: string }) {
    await this.users.setPassword(id, body.password);
  }
}
