import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ADMINS } from '@roster/domain';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { pageOf, pageQuery, type PageQuery } from '../common/schemas.js';
import { problemSchema } from '../openapi/problem.schema.js';
import {
  createdScimTokenSchema,
  createScimTokenSchema,
  type CreateScimTokenInput,
  scimRequestsSchema,
  scimTokenSchema,
} from './scim-token.schemas.js';
import { ScimTokensService } from './scim-tokens.service.js';

@ApiTags('SCIM tokens')
@Controller()
export class ScimTokensController {
  constructor(private readonly tokens: ScimTokensService) {}

  @Post('tenants/:tenantId/scim-tokens')
  @ApiOperation({
    operationId: 'createScimToken',
    summary: 'Create a SCIM token',
    description:
      'Creates the bearer token an identity provider (Entra ID, Okta …) provisions the tenant with, at ' +
      '`/scim/v2/tenants/{tenantId}`. It works there only, and for this tenant only. The secret `token` is in ' +
      'this response only.',
  })
  @Authenticated({ roles: ADMINS, scope: 'tenantId' })
  @ApiCreatedResponse({ description: '`token` is shown only in this response', standardSchema: createdScimTokenSchema })
  @ApiConflictResponse({ description: 'The tenant has a SCIM token with this name', standardSchema: problemSchema })
  create(@Body({ schema: createScimTokenSchema }) body: CreateScimTokenInput) {
    return this.tokens.create(body);
  }

  @Get('tenants/:tenantId/scim-tokens')
  @ApiOperation({ operationId: 'listScimTokens', summary: 'List SCIM tokens', description: 'Without their secrets.' })
  @Authenticated({ roles: ADMINS, scope: 'tenantId' })
  @ApiOkResponse({ standardSchema: pageOf(scimTokenSchema) })
  list(@Query({ schema: pageQuery }) page: PageQuery) {
    return this.tokens.list(page);
  }

  @Get('tenants/:tenantId/scim-requests')
  @ApiOperation({
    operationId: 'listScimRequests',
    summary: 'The latest SCIM requests',
    description:
      'The tenant’s latest 200 authenticated SCIM requests, newest first, with their outcome: what the identity ' +
      'provider did, and why a request failed.',
  })
  @Authenticated({ roles: ADMINS, scope: 'tenantId' })
  @ApiOkResponse({ standardSchema: scimRequestsSchema })
  listRequests() {
    return this.tokens.latestRequests();
  }

  @Delete('scim-tokens/:scimTokenId')
  @ApiOperation({
    operationId: 'deleteScimToken',
    summary: 'Revoke a SCIM token',
    description: 'SCIM requests with the token fail with 401 at once.',
  })
  @HttpCode(204)
  @Authenticated({ roles: ADMINS, scope: 'scimTokenId' })
  @ApiNoContentResponse({ description: 'The token stops working at once' })
  async remove(@Param('scimTokenId') id: string): Promise<void> {
    await this.tokens.remove(id);
  }
}
