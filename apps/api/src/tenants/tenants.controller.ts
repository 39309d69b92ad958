import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ADMINS, TENANT_MANAGERS } from '@roster/domain';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { domainListResponseSchema, domainListSchema } from '../common/domain-list.schema.js';
import { pageOf, pageQuery, type PageQuery } from '../common/schemas.js';
import { problemSchema } from '../openapi/problem.schema.js';
import { createTenantSchema, tenantSchema, updateTenantSchema } from './tenant.schemas.js';
import { TenantsService } from './tenants.service.js';

@ApiTags('Tenants')
@Controller()
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post('environments/:environmentId/tenants')
  @ApiOperation({
    operationId: 'createTenant',
    summary: 'Create a tenant',
    description: 'Adds a client tenant to the environment. Names are unique per environment, ignoring case.',
  })
  @ApiConflictResponse({
    description: 'A tenant with this name already exists in the environment',
    standardSchema: problemSchema,
  })
  @Authenticated({ roles: ADMINS, scope: 'environmentId' })
  @ApiCreatedResponse({ standardSchema: tenantSchema })
  create(@Param('environmentId') environmentId: string, @Body({ schema: createTenantSchema }) body: { name: string }) {
    return this.tenants.create(environmentId, body.name);
  }

  @Get('environments/:environmentId/tenants')
  @ApiOperation({
    operationId: 'listTenants',
    summary: 'List tenants',
    description: 'The environment’s tenants; tenant-admins see only their own.',
  })
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'environmentId' })
  @ApiOkResponse({ description: 'Tenant-admins see only their tenants', standardSchema: pageOf(tenantSchema) })
  list(@Param('environmentId') environmentId: string, @Query({ schema: pageQuery }) page: PageQuery) {
    return this.tenants.list(environmentId, page);
  }

  @Get('tenants/:tenantId')
  @ApiOperation({ operationId: 'getTenant', summary: 'Get a tenant', description: 'One tenant.' })
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' })
  @ApiOkResponse({ standardSchema: tenantSchema })
  get(@Param('tenantId') tenantId: string) {
    return this.tenants.get(tenantId);
  }

  @Patch('tenants/:tenantId')
  @ApiOperation({ operationId: 'updateTenant', summary: 'Rename a tenant', description: 'Changes the tenant’s name.' })
  @ApiConflictResponse({
    description: 'A tenant with this name already exists in the environment',
    standardSchema: problemSchema,
  })
  @Authenticated({ roles: ADMINS, scope: 'tenantId' })
  @ApiOkResponse({ standardSchema: tenantSchema })
  update(@Param('tenantId') tenantId: string, @Body({ schema: updateTenantSchema }) body: { name?: string }) {
    return this.tenants.rename(tenantId, body.name);
  }

  @Delete('tenants/:tenantId')
  @ApiOperation({
    operationId: 'deleteTenant',
    summary: 'Delete a tenant',
    description: 'Deletes the tenant with its end users, groups and grants. Cannot be undone.',
  })
  @HttpCode(204)
  @Authenticated({ roles: ADMINS, scope: 'tenantId' })
  @ApiNoContentResponse({ description: 'Deletes the tenant’s users, groups and grants with it' })
  async remove(@Param('tenantId') tenantId: string): Promise<void> {
    await this.tenants.remove(tenantId);
  }

  @Get('tenants/:tenantId/internal-domains')
  @ApiOperation({
    operationId: 'getTenantInternalDomains',
    summary: 'Get the tenant’s internal domains',
    description:
      'The client’s own e-mail domains: their users count as internal in this tenant, besides the environment’s ' +
      'domains.',
  })
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' })
  @ApiOkResponse({ standardSchema: domainListResponseSchema })
  getDomains(@Param('tenantId') tenantId: string) {
    return this.tenants.getDomains(tenantId);
  }

  @Put('tenants/:tenantId/internal-domains')
  @ApiOperation({
    operationId: 'replaceTenantInternalDomains',
    summary: 'Replace the tenant’s internal domains',
    description:
      'Replaces the whole list, with the same rules as the environment’s domains (lower-cased, de-duplicated, valid ' +
      'DNS names, else 400).',
  })
  @Authenticated({ roles: ADMINS, scope: 'tenantId' })
  @ApiOkResponse({
    description: 'Replaces the client’s own domains: lower-cased, de-duplicated',
    standardSchema: domainListResponseSchema,
  })
  replaceDomains(@Param('tenantId') tenantId: string, @Body({ schema: domainListSchema }) body: { domains: string[] }) {
    return this.tenants.replaceDomains(tenantId, body.domains);
  }
}
