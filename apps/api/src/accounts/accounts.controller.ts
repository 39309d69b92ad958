import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ANY_ACCOUNT_ROLE, OWNER, PLATFORM_ONLY } from '@roster/domain';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { pageOf, pageQuery, type PageQuery } from '../common/schemas.js';
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
  @Authenticated({ roles: PLATFORM_ONLY })
  @ApiCreatedResponse({ standardSchema: accountSchema })
  create(@Body({ schema: createAccountSchema }) body: CreateAccountInput) {
    return this.accounts.create(body);
  }

  @Get()
  @Authenticated({ roles: ANY_ACCOUNT_ROLE })
  @ApiOkResponse({
    description: 'The platform admin sees every account; everyone else their own',
    standardSchema: pageOf(accountSchema),
  })
  list(@Query({ schema: pageQuery }) page: PageQuery) {
    return this.accounts.list(page);
  }

  @Get(':accountId')
  @Authenticated({ roles: ANY_ACCOUNT_ROLE, scope: 'accountId' })
  @ApiOkResponse({ standardSchema: accountSchema })
  get(@Param('accountId') accountId: string) {
    return this.accounts.get(accountId);
  }

  @Patch(':accountId')
  @Authenticated({ roles: OWNER, scope: 'accountId' })
  @ApiOkResponse({
    description: 'Owners may rename; only the platform admin changes the subscription',
    standardSchema: accountSchema,
  })
  update(@Param('accountId') accountId: string, @Body({ schema: updateAccountSchema }) body: UpdateAccountInput) {
    return this.accounts.update(accountId, body);
  }

  @Delete(':accountId')
  @HttpCode(204)
  @Authenticated({ roles: PLATFORM_ONLY, scope: 'accountId' })
  @ApiNoContentResponse()
  async remove(@Param('accountId') accountId: string): Promise<void> {
    await this.accounts.remove(accountId);
  }
}
