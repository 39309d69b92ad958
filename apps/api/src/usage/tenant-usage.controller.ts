import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { USAGE_READERS } from '@roster/domain';
import { Authenticated } from '../auth/authenticated.decorator.js';
import {
  type TenantUsageListQuery,
  tenantUsageListQuerySchema,
  tenantUsageListSchema,
} from './tenant-usage.schemas.js';
import { TenantUsageService } from './tenant-usage.service.js';
import { type UsageHistoryQuery, usageHistoryQuerySchema, usageHistorySchema } from './usage.schemas.js';

/**
 * Usage per client tenant (API.md §7, issue 16): what an MSP re-bills each client from. Readers as for the
 * account's usage (owner, admin, billing).
 */
@ApiTags('Usage')
@Controller()
export class TenantUsageController {
  constructor(private readonly usage: TenantUsageService) {}

  @Get('accounts/:accountId/usage/tenants')
  @ApiOperation({
    operationId: 'listTenantUsage',
    summary: 'List usage per client tenant',
    description:
      'Every client tenant of the account with the counts in force for it (the latest count; nulls before its ' +
      'first), sortable by name or any count, paged. `attribution` says how a person with records in several ' +
      'tenants is counted, and how the tenants relate to the account total under its aggregation.',
  })
  @Authenticated({ roles: USAGE_READERS, scope: 'accountId' })
  @ApiOkResponse({ description: 'A page of tenants with their latest counts', standardSchema: tenantUsageListSchema })
  list(
    @Param('accountId') accountId: string,
    @Query({ schema: tenantUsageListQuerySchema }) query: TenantUsageListQuery,
  ) {
    return this.usage.list(accountId, query);
  }

  @Get('tenants/:tenantId/usage/history')
  @ApiOperation({
    operationId: 'getTenantUsageHistory',
    summary: 'Get a client tenant’s usage history',
    description:
      'The peak of each hour or day in which the tenant’s counts are known (from its first count to its newest), ' +
      'oldest first; at most 31 days by the hour or 366 days by the day (400 beyond).',
  })
  @Authenticated({ roles: USAGE_READERS, scope: 'tenantId' })
  @ApiOkResponse({ description: 'The peak of each bucket, oldest first', standardSchema: usageHistorySchema })
  history(@Query({ schema: usageHistoryQuerySchema }) query: UsageHistoryQuery) {
    return this.usage.history(query);
  }
}
