import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { OWNER } from '@roster/domain';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { pageOf, pageQuery, type PageQuery } from '../common/schemas.js';
import { problemSchema } from '../openapi/problem.schema.js';
import { apiKeySchema, createApiKeySchema, type CreateApiKeyInput, createdApiKeySchema } from './api-key.schemas.js';
import { ApiKeysService } from './api-keys.service.js';

@ApiTags('API keys')
@Controller()
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post('accounts/:accountId/api-keys')
  @ApiOperation({
    operationId: 'createApiKey',
    summary: 'Create an API key',
    description:
      'Creates a key that acts with the given role (and tenants, for tenant-admin). The secret `key` is in this ' +
      'response only: store it now, it cannot be read again. Names are unique per account, ignoring case.',
  })
  @Authenticated({ roles: OWNER, scope: 'accountId' })
  @ApiCreatedResponse({ description: '`key` is shown only in this response', standardSchema: createdApiKeySchema })
  @ApiConflictResponse({
    description: 'The account has an API key with this name already (`errors[]` names the field)',
    standardSchema: problemSchema,
  })
  create(@Param('accountId') accountId: string, @Body({ schema: createApiKeySchema }) body: CreateApiKeyInput) {
    return this.apiKeys.create(accountId, body);
  }

  @Get('accounts/:accountId/api-keys')
  @ApiOperation({
    operationId: 'listApiKeys',
    summary: 'List API keys',
    description: 'The account’s API keys, without their secrets.',
  })
  @Authenticated({ roles: OWNER, scope: 'accountId' })
  @ApiOkResponse({ standardSchema: pageOf(apiKeySchema) })
  list(@Param('accountId') accountId: string, @Query({ schema: pageQuery }) page: PageQuery) {
    return this.apiKeys.list(accountId, page);
  }

  @Delete('api-keys/:apiKeyId')
  @ApiOperation({
    operationId: 'deleteApiKey',
    summary: 'Delete an API key',
    description: 'Revokes the key; requests using it fail with 401 at once.',
  })
  @HttpCode(204)
  @Authenticated({ roles: OWNER, scope: 'apiKeyId' })
  @ApiNoContentResponse({ description: 'The key stops working at once' })
  async remove(@Param('apiKeyId') apiKeyId: string): Promise<void> {
    await this.apiKeys.remove(apiKeyId);
  }
}
