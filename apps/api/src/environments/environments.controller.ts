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
import {
  createEnvironmentSchema,
  type CreateEnvironmentInput,
  environmentSchema,
  updateEnvironmentSchema,
  type UpdateEnvironmentInput,
} from './environment.schemas.js';
import { EnvironmentsService } from './environments.service.js';

@ApiTags('Environments')
@Controller()
export class EnvironmentsController {
  constructor(private readonly environments: EnvironmentsService) {}

  @Post('accounts/:accountId/environments')
  @ApiOperation({
    operationId: 'createEnvironment',
    summary: 'Create an environment',
    description:
      'Adds a production or non-production environment to the account. Only production environments count towards ' +
      'the subscription. Names are unique per account, ignoring case.',
  })
  @ApiConflictResponse({
    description: 'An environment with this name already exists in the account',
    standardSchema: problemSchema,
  })
  @Authenticated({ roles: ADMINS, scope: 'accountId' })
  @ApiCreatedResponse({ standardSchema: environmentSchema })
  create(
    @Param('accountId') accountId: string,
    @Body({ schema: createEnvironmentSchema }) body: CreateEnvironmentInput,
  ) {
    return this.environments.create(accountId, body);
  }

  @Get('accounts/:accountId/environments')
  @ApiOperation({
    operationId: 'listEnvironments',
    summary: 'List environments',
    description: 'The account’s environments; tenant-admins see only the environments holding their tenants.',
  })
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'accountId' })
  @ApiOkResponse({
    description: 'Tenant-admins see the environments holding their tenants',
    standardSchema: pageOf(environmentSchema),
  })
  list(@Param('accountId') accountId: string, @Query({ schema: pageQuery }) page: PageQuery) {
    return this.environments.list(accountId, page);
  }

  @Get('environments/:environmentId')
  @ApiOperation({
    operationId: 'getEnvironment',
    summary: 'Get an environment',
    description: 'One environment with its kind and classification setting.',
  })
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'environmentId' })
  @ApiOkResponse({ standardSchema: environmentSchema })
  get(@Param('environmentId') environmentId: string) {
    return this.environments.get(environmentId);
  }

  @Patch('environments/:environmentId')
  @ApiOperation({
    operationId: 'updateEnvironment',
    summary: 'Update an environment',
    description:
      'Renames it, changes its kind (production or non-production) or whether all its users count as internal.',
  })
  @ApiConflictResponse({
    description: 'An environment with this name already exists in the account',
    standardSchema: problemSchema,
  })
  @Authenticated({ roles: ADMINS, scope: 'environmentId' })
  @ApiOkResponse({ standardSchema: environmentSchema })
  update(
    @Param('environmentId') environmentId: string,
    @Body({ schema: updateEnvironmentSchema }) body: UpdateEnvironmentInput,
  ) {
    return this.environments.update(environmentId, body);
  }

  @Delete('environments/:environmentId')
  @ApiOperation({
    operationId: 'deleteEnvironment',
    summary: 'Delete an environment',
    description:
      'Deletes an empty environment with its applications and roles. Refused with 409 while it still has tenants: ' +
      'delete them first.',
  })
  @ApiConflictResponse({ description: 'The environment still has tenants', standardSchema: problemSchema })
  @HttpCode(204)
  @Authenticated({ roles: ADMINS, scope: 'environmentId' })
  @ApiNoContentResponse({ description: 'Refused with 409 while the environment has tenants' })
  async remove(@Param('environmentId') environmentId: string): Promise<void> {
    await this.environments.remove(environmentId);
  }

  @Get('environments/:environmentId/internal-domains')
  @ApiOperation({
    operationId: 'getEnvironmentInternalDomains',
    summary: 'Get the environment’s internal domains',
    description: 'E-mail domains whose users count as internal in every tenant of the environment.',
  })
  @Authenticated({ roles: ADMINS, scope: 'environmentId' })
  @ApiOkResponse({ standardSchema: domainListResponseSchema })
  getDomains(@Param('environmentId') environmentId: string) {
    return this.environments.getDomains(environmentId);
  }

  @Put('environments/:environmentId/internal-domains')
  @ApiOperation({
    operationId: 'replaceEnvironmentInternalDomains',
    summary: 'Replace the environment’s internal domains',
    description:
      'Replaces the whole list. Domains are lower-cased and de-duplicated; each must be a valid DNS name (no `@`, ' +
      'no wildcard), else 400.',
  })
  @Authenticated({ roles: ADMINS, scope: 'environmentId' })
  @ApiOkResponse({
    description: 'Replaces the list: lower-cased, de-duplicated',
    standardSchema: domainListResponseSchema,
  })
  replaceDomains(
    @Param('environmentId') environmentId: string,
    @Body({ schema: domainListSchema }) body: { domains: string[] },
  ) {
    return this.environments.replaceDomains(environmentId, body.domains);
  }
}
