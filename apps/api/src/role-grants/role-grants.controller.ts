import { Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { TENANT_MANAGERS } from '@roster/domain';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { ResourceId } from '../common/resource-id.pipe.js';
import { checkRoleSchema, effectiveRolesSchema, grantedRolesSchema } from './role-grant.schemas.js';
import { RoleGrantsService } from './role-grants.service.js';

const userId = () => Param('userId', new ResourceId('User'));
const groupId = () => Param('groupId', new ResourceId('Group'));
const roleKey = () => Param('roleKey');
const tenantScoped = () => Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' });

@ApiTags('Roles')
@Controller('tenants/:tenantId')
export class RoleGrantsController {
  constructor(private readonly grants: RoleGrantsService) {}

  @Get('users/:userId/roles')
  @tenantScoped()
  @ApiOkResponse({ description: 'Effective roles with their sources', standardSchema: effectiveRolesSchema })
  effective(@userId() user: string) {
    return this.grants.effectiveRoles(user);
  }

  @Put('users/:userId/roles/:roleKey')
  @HttpCode(204)
  @tenantScoped()
  @ApiNoContentResponse({ description: 'Direct grant; idempotent; allowed on inactive users' })
  async grantToUser(@userId() user: string, @roleKey() key: string) {
    await this.grants.grantToUser(user, key);
  }

  @Delete('users/:userId/roles/:roleKey')
  @HttpCode(204)
  @tenantScoped()
  @ApiNoContentResponse({ description: 'Revokes the direct grant; idempotent' })
  async revokeFromUser(@userId() user: string, @roleKey() key: string) {
    await this.grants.revokeFromUser(user, key);
  }

  @Get('users/:userId/check-role/:roleKey')
  @tenantScoped()
  @ApiOkResponse({ description: 'False for inactive users and inactive roles', standardSchema: checkRoleSchema })
  check(@userId() user: string, @roleKey() key: string) {
    return this.grants.checkRole(user, key);
  }

  @Get('groups/:groupId/roles')
  @tenantScoped()
  @ApiOkResponse({ description: 'Roles granted to the group, by key', standardSchema: grantedRolesSchema })
  rolesOfGroup(@groupId() group: string) {
    return this.grants.rolesOfGroup(group);
  }

  @Put('groups/:groupId/roles/:roleKey')
  @HttpCode(204)
  @tenantScoped()
  @ApiNoContentResponse({ description: 'Grants the role to every member; idempotent' })
  async grantToGroup(@groupId() group: string, @roleKey() key: string) {
    await this.grants.grantToGroup(group, key);
  }

  @Delete('groups/:groupId/roles/:roleKey')
  @HttpCode(204)
  @tenantScoped()
  @ApiNoContentResponse({ description: 'Idempotent' })
  async revokeFromGroup(@groupId() group: string, @roleKey() key: string) {
    await this.grants.revokeFromGroup(group, key);
  }
}
