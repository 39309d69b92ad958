import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
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
  @ApiOperation({
    operationId: 'getEnvironmentUsage',
    summary: 'Get an environment’s usage',
    description:
      'The latest count of the environment’s end users per dimension (internal, external, named, anonymous, ' +
      'inactive); counts and `computedAt` are null before the first count.',
  })
  @Authenticated({ roles: USAGE_READERS, scope: 'environmentId' })
  @ApiOkResponse({ description: 'The latest count of the environment', standardSchema: environmentUsageSchema })
  environment(@Param('environmentId') environmentId: string) {
    return this.usage.environment(environmentId);
  }

  @Get('accounts/:accountId/usage')
  @ApiOperation({
    operationId: 'getAccountUsage',
    summary: 'Get the account’s usage',
    description:
      'The latest totals over the production environments, against the subscription’s limits, with a status per ' +
      'dimension (ok, warning, exceeded; null where no limit applies).',
  })
  @Authenticated({ roles: USAGE_READERS, scope: 'accountId' })
  @ApiOkResponse({
    description: 'The latest totals over the production environments, with limits and status',
    standardSchema: accountUsageSchema,
  })
  account(@Param('accountId') accountId: string) {
    return this.usage.account(accountId);
  }

  @Get('accounts/:accountId/usage/environments')
  @ApiOperation({
    operationId: 'listAccountEnvironmentUsage',
    summary: 'List usage per environment',
    description:
      'The latest count of every environment of the account, production first; non-production ones are listed too ' +
      'but never enter the totals.',
  })
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
  @ApiOperation({
    operationId: 'getAccountUsageHistory',
    summary: 'Get the account’s usage history',
    description:
      'The peak of each hour or day that holds counts, oldest first; at most 31 days by the hour or 366 days by the ' +
      'day (400 beyond).',
  })
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
  @ApiOperation({
    operationId: 'recountAccountUsage',
    summary: 'Recount the account’s usage now',
    description:
      'Queues a recount instead of waiting for the scheduled one and answers 202 with its `jobId`; poll `GET ' +
      '/jobs/{jobId}`, then read the usage again. 503 while the job queue (Redis) is unavailable.',
  })
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
