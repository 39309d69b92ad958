import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { USAGE_READERS } from '@roster/domain';
import type { FastifyReply } from 'fastify';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { badRequest } from '../common/problems.js';
import { pageOf, type PageQuery } from '../common/schemas.js';
import { statementCsv } from './statement-csv.js';
import {
  periodStartParam,
  statementListQuery,
  statementQuery,
  type StatementQuery,
  statementSchema,
  statementSummarySchema,
} from './statement.schemas.js';
import { StatementsService } from './statements.service.js';

@ApiTags('Usage')
@Controller()
export class StatementsController {
  constructor(private readonly statements: StatementsService) {}

  @Get('accounts/:accountId/usage/statements')
  @ApiOperation({
    operationId: 'listUsageStatements',
    summary: 'List closed billing statements',
    description:
      'One per billing period that ended (monthly from the subscription’s `billingDay`, UTC), newest first, with ' +
      'the account’s figures; a statement never changes once closed.',
  })
  @Authenticated({ roles: USAGE_READERS, scope: 'accountId' })
  @ApiOkResponse({ standardSchema: pageOf(statementSummarySchema) })
  list(@Param('accountId') accountId: string, @Query({ schema: statementListQuery }) page: PageQuery) {
    return this.statements.list(accountId, page);
  }

  @Get('accounts/:accountId/usage/statements/:periodStart')
  @ApiOperation({
    operationId: 'getUsageStatement',
    summary: 'Get one billing statement',
    description:
      'Per dimension the peak, p95, average (weighted by time) and end value for the account and each production ' +
      'environment, with the limits and status in force at the end. `periodStart` is the period’s first day ' +
      '(`2026-11-01`). JSON, or CSV with `Accept: text/csv` or `?format=csv`.',
  })
  @Authenticated({ roles: USAGE_READERS, scope: 'accountId' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ standardSchema: statementSchema })
  async get(
    @Param('accountId') accountId: string,
    @Param('periodStart') periodStart: string,
    @Query({ schema: statementQuery }) query: StatementQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const parsed = periodStartParam.safeParse(periodStart);
    if (!parsed.success) {
      const message = parsed.error.issues[0]!.message;
      throw badRequest(`periodStart ${message}.`, [{ field: 'periodStart', message }]);
    }
    const statement = await this.statements.get(accountId, parsed.data);
    const csv = query.format === 'csv' || (query.format === undefined && /\btext\/csv\b/.test(accept ?? ''));
    if (!csv) return statement;
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="statement-${statement.period.from.slice(0, 10)}.csv"`);
    return statementCsv(statement);
  }
}
