import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ANY_ACCOUNT_ROLE, OWNER, PLATFORM_ONLY } from '@roster/domain';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { pageOf, pageQuery, type PageQuery } from '../common/schemas.js';
import { problemSchema } from '../openapi/problem.schema.js';
import {
  accountSchema,
  createAccountSchema,
  type CreateAccountInput,
  updateAccountSchema,
  type UpdateAccountInput,
} from './account.schemas.js';
import { AccountsService } from './accounts.service.js';

@ApiTags('Accounts')
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @ApiOperation({
    operationId: 'createAccount',
    summary: 'Create an account',
    description:
      'Creates a customer account with its subscription (licence model, limits, aggregation). Then create its first ' +
      'owner with `POST /accounts/{accountId}/operators`.',
  })
  @ApiConflictResponse({ description: 'An account with this name already exists', standardSchema: problemSchema })
  @Authenticated({ roles: PLATFORM_ONLY })
  @ApiCreatedResponse({ standardSchema: accountSchema })
  create(@Body({ schema: createAccountSchema }) body: CreateAccountInput) {
    return this.accounts.create(body);
  }

  @Get()
  @ApiOperation({
    operationId: 'listAccounts',
    summary: 'List accounts',
    description: 'The platform admin sees every account; everyone else sees only their own (a one-item page).',
  })
  @Authenticated({ roles: ANY_ACCOUNT_ROLE })
  @ApiOkResponse({
    description: 'The platform admin sees every account; everyone else their own',
    standardSchema: pageOf(accountSchema),
  })
  list(@Query({ schema: pageQuery }) page: PageQuery) {
    return this.accounts.list(page);
  }

  @Get(':accountId')
  @ApiOperation({
    operationId: 'getAccount',
    summary: 'Get an account',
    description: 'The account with its subscription.',
  })
  @Authenticated({ roles: ANY_ACCOUNT_ROLE, scope: 'accountId' })
  @ApiOkResponse({ standardSchema: accountSchema })
  get(@Param('accountId') accountId: string) {
    return this.accounts.get(accountId);
  }

  @Patch(':accountId')
  @ApiOperation({
    operationId: 'updateAccount',
    summary: 'Update an account',
    description:
      'Owners may rename the account; changing `subscription` is for the platform admin only (403 for owners). ' +
      'Account names are unique only among the platform admin’s changes: an owner may choose a name another ' +
      'account has, and is never told so.',
  })
  @ApiConflictResponse({
    description: 'The platform admin renamed the account onto another account’s name',
    standardSchema: problemSchema,
  })
  @Authenticated({ roles: OWNER, scope: 'accountId' })
  @ApiOkResponse({
    description: 'Owners may rename; only the platform admin changes the subscription',
    standardSchema: accountSchema,
  })
  update(@Param('accountId') accountId: string, @Body({ schema: updateAccountSchema }) body: UpdateAccountInput) {
    return this.accounts.update(accountId, body);
  }

  @Delete(':accountId')
  @ApiOperation({
    operationId: 'deleteAccount',
    summary: 'Delete an account',
    description:
      'Deletes the account with everything in it: operators, API keys, environments, tenants and their end users. ' +
      'Cannot be undone.',
  })
  @HttpCode(204)
  @Authenticated({ roles: PLATFORM_ONLY, scope: 'accountId' })
  @ApiNoContentResponse()
  async remove(@Param('accountId') accountId: string): Promise<void> {
    await this.accounts.remove(accountId);
  }
}
