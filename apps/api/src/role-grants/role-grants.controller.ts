import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TENANT_MANAGERS } from '@roster/domain';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { ResourceId } from '../common/resource-id.pipe.js';
import {
  checkRoleSchema,
  effectiveRolesSchema,
  grantedRolesSchema,
  type GrantTerms,
  grantTermsSchema,
} from './role-grant.schemas.js';
import { RoleGrantsService } from './role-grants.service.js';

const userId = () => Param('userId', new ResourceId('User'));
const groupId = () => Param('groupId', new ResourceId('Group'));
const roleKey = () => Param('roleKey');
const tenantScoped = () => Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' });
/** The optional body of a grant: none at all is `{}` (a grant without expiry). */
const grantTerms = () => Body({ schema: grantTermsSchema.optional() });
const grantTermsBody = () =>
  ApiBody({
    required: false,
    description: 'Optional: `{expiresAt}` makes the grant expire; no body, `{}` or `{expiresAt: null}`: never',
    schema: { $ref: '#/components/schemas/GrantTerms' },
  });

@ApiTags('Roles')
@Controller('tenants/:tenantId')
export class RoleGrantsController {
  constructor(private readonly grants: RoleGrantsService) {}

  @Get('users/:userId/roles')
  @ApiOperation({
    operationId: 'listUserRoles',
    summary: 'Get a user’s effective roles',
    description:
      'Every role the user holds, directly or through groups, with its sources (each with `expiresAt` when that ' +
      'grant expires; expired grants count for nothing). While the user is inactive `items` is empty and ' +
      '`suspended` is true.',
  })
  @tenantScoped()
  @ApiOkResponse({ description: 'Effective roles with their sources', standardSchema: effectiveRolesSchema })
  effective(@userId() user: string) {
    return this.grants.effectiveRoles(user);
  }

  @Put('users/:userId/roles/:roleKey')
  @ApiOperation({
    operationId: 'grantRoleToUser',
    summary: 'Grant a role to a user',
    description:
      'Grants the role directly; idempotent, allowed on inactive users (it applies once they are active). An ' +
      'unknown role key answers 404. An optional body `{expiresAt}` makes the grant expire: it counts until that ' +
      'instant and not from it on (effective roles, role checks, logins), and Roster then removes it (audited as ' +
      'a revoke with `reason: "expired"`). The grant is set to what the request says: re-granting changes the ' +
      'expiry, and no body, `{}` or `{expiresAt: null}` leaves none. An `expiresAt` not in the future answers 400.',
  })
  @HttpCode(204)
  @tenantScoped()
  @grantTermsBody()
  @ApiNoContentResponse({ description: 'Direct grant set; idempotent; allowed on inactive users' })
  async grantToUser(@userId() user: string, @roleKey() key: string, @grantTerms() terms: GrantTerms | undefined) {
    await this.grants.grantToUser(user, key, terms);
  }

  @Delete('users/:userId/roles/:roleKey')
  @ApiOperation({
    operationId: 'revokeRoleFromUser',
    summary: 'Revoke a role from a user',
    description: 'Removes the direct grant; roles held through groups stay. Idempotent.',
  })
  @HttpCode(204)
  @tenantScoped()
  @ApiNoContentResponse({ description: 'Revokes the direct grant; idempotent' })
  async revokeFromUser(@userId() user: string, @roleKey() key: string) {
    await this.grants.revokeFromUser(user, key);
  }

  @Get('users/:userId/check-role/:roleKey')
  @ApiOperation({
    operationId: 'checkUserRole',
    summary: 'Check whether a user holds a role',
    description:
      'Answers `{granted}` for one role, directly or through a group; false for inactive users and inactive roles. ' +
      'The cheap call for an application’s authorisation checks.',
  })
  @tenantScoped()
  @ApiOkResponse({ description: 'False for inactive users and inactive roles', standardSchema: checkRoleSchema })
  check(@userId() user: string, @roleKey() key: string) {
    return this.grants.checkRole(user, key);
  }

  @Get('groups/:groupId/roles')
  @ApiOperation({
    operationId: 'listGroupRoles',
    summary: 'List a group’s roles',
    description:
      'The roles granted to the group, by key; each with `expiresAt` when it expires, expired ones left out.',
  })
  @tenantScoped()
  @ApiOkResponse({ description: 'Roles granted to the group, by key', standardSchema: grantedRolesSchema })
  rolesOfGroup(@groupId() group: string) {
    return this.grants.rolesOfGroup(group);
  }

  @Put('groups/:groupId/roles/:roleKey')
  @ApiOperation({
    operationId: 'grantRoleToGroup',
    summary: 'Grant a role to a group',
    description:
      'Every member holds the role at once. Idempotent; an unknown role key answers 404. An optional body ' +
      '`{expiresAt}` makes the grant expire, for every member at that instant; re-granting changes the expiry, and ' +
      'no body, `{}` or `{expiresAt: null}` leaves none. An `expiresAt` not in the future answers 400.',
  })
  @HttpCode(204)
  @tenantScoped()
  @grantTermsBody()
  @ApiNoContentResponse({ description: 'Grants the role to every member; idempotent' })
  async grantToGroup(@groupId() group: string, @roleKey() key: string, @grantTerms() terms: GrantTerms | undefined) {
    await this.grants.grantToGroup(group, key, terms);
  }

  @Delete('groups/:groupId/roles/:roleKey')
  @ApiOperation({
    operationId: 'revokeRoleFromGroup',
    summary: 'Revoke a role from a group',
    description: 'Members lose the role unless they hold it another way. Idempotent.',
  })
  @HttpCode(204)
  @tenantScoped()
  @ApiNoContentResponse({ description: 'Idempotent' })
  async revokeFromGroup(@groupId() group: string, @roleKey() key: string) {
    await this.grants.revokeFromGroup(group, key);
  }
}
