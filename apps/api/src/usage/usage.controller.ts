import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ADMINS, USAGE_READERS } from '@roster/domain';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { problemSchema } from '../openapi/problem.schema.js';
import {
  accountUsageSchema,
  environmentUsageListSchema,
  environmentUsageSchema,
  recountAcceptedSchema,
  usageHistoryQuerySchema,
  type UsageHistoryQuery,
  usageHistorySchema,
} from './usage.schemas.js';
import { UsageService } from './usage.service.js';

/**
 * Licensed-user counts (API.md §7). Readers are owner, admin and billing; tenant-admins manage end users
 * of their tenants and nothing else (DESIGN.md §1), so usage is not theirs to read: 403 on what they can
 * see, 404 on environments holding none of their tenants (like every environment route).
 */
@ApiTags('Usage')
@Controller()
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get('environments/:environmentId/usage')
  @Authenticated({ roles: USAGE_READERS, scope: 'environmentId' })
  @ApiOkResponse({ description: 'The latest count of the environment', standardSchema: environmentUsageSchema })
  environment(@Param('environmentId') environmentId: string) {
    return this.usage.environment(environmentId);
  }

  @Get('accounts/:accountId/usage')
  @Authenticated({ roles: USAGE_READERS, scope: 'accountId' })
  @ApiOkResponse({
    description: 'The latest totals over the production environments, with limits and status',
    standardSchema: accountUsageSchema,
  })
  account(@Param('accountId') accountId: string) {
    return this.usage.account(accountId);
  }

  @Get('accounts/:accountId/usage/environments')
  @Authenticated({ roles: USAGE_READERS, scope: 'accountId' })
  @ApiOkResponse({
    description:
      'The latest count of every environment of the account, production first: the non-production ones too, ' +
      'which never enter the totals (billing may read this, though it may not list environments)',
    standardSchema: environmentUsageListSchema,
  })
  environments(@Param('accountId') accountId: string) {
    return this.usage.environmentsOf(accountId);
  }

  @Get('accounts/:accountId/usage/history')
  @Authenticated({ roles: USAGE_READERS, scope: 'accountId' })
  @ApiOkResponse({
    description:
      'The peak of each bucket that holds snapshots, oldest first; at most 31 days by the hour, 366 days by the day',
    standardSchema: usageHistorySchema,
  })
  history(@Param('accountId') accountId: string, @Query({ schema: usageHistoryQuerySchema }) query: UsageHistoryQuery) {
    return this.usage.history(accountId, query);
  }

  @Post('accounts/:accountId/usage/recount')
  @HttpCode(202)
  @Authenticated({ roles: ADMINS, scope: 'accountId' })
  @ApiAcceptedResponse({
    description: 'The recount is queued; the fresh totals are served once the job completes',
    standardSchema: recountAcceptedSchema,
  })
  @ApiServiceUnavailableResponse({ description: 'The job queue (Redis) is unavailable', standardSchema: problemSchema })
  recount(@Param('accountId') accountId: string) {
    return this.usage.recount(accountId);
  }
}
