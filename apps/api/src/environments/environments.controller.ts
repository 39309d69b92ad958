import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ADMINS, TENANT_MANAGERS } from '@roster/domain';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { domainListResponseSchema, domainListSchema } from '../common/domain-list.schema.js';
import { pageOf, pageQuery, type PageQuery } from '../common/schemas.js';
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
  @Authenticated({ roles: ADMINS, scope: 'accountId' })
  @ApiCreatedResponse({ standardSchema: environmentSchema })
  create(
    @Param('accountId') accountId: string,
    @Body({ schema: createEnvironmentSchema }) body: CreateEnvironmentInput,
  ) {
    return this.environments.create(accountId, body);
  }

  @Get('accounts/:accountId/environments')
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'accountId' })
  @ApiOkResponse({
    description: 'Tenant-admins see the environments holding their tenants',
    standardSchema: pageOf(environmentSchema),
  })
  list(@Param('accountId') accountId: string, @Query({ schema: pageQuery }) page: PageQuery) {
    return this.environments.list(accountId, page);
  }

  @Get('environments/:environmentId')
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'environmentId' })
  @ApiOkResponse({ standardSchema: environmentSchema })
  get(@Param('environmentId') environmentId: string) {
    return this.environments.get(environmentId);
  }

  @Patch('environments/:environmentId')
  @Authenticated({ roles: ADMINS, scope: 'environmentId' })
  @ApiOkResponse({ standardSchema: environmentSchema })
  update(
    @Param('environmentId') environmentId: string,
    @Body({ schema: updateEnvironmentSchema }) body: UpdateEnvironmentInput,
  ) {
    return this.environments.update(environmentId, body);
  }

  @Delete('environments/:environmentId')
  @HttpCode(204)
  @Authenticated({ roles: ADMINS, scope: 'environmentId' })
  @ApiNoContentResponse({ description: 'Refused with 409 while the environment has tenants' })
  async remove(@Param('environmentId') environmentId: string): Promise<void> {
    await this.environments.remove(environmentId);
  }

  @Get('environments/:environmentId/internal-domains')
  @Authenticated({ roles: ADMINS, scope: 'environmentId' })
  @ApiOkResponse({ standardSchema: domainListResponseSchema })
  getDomains(@Param('environmentId') environmentId: string) {
    return this.environments.getDomains(environmentId);
  }

  @Put('environments/:environmentId/internal-domains')
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
