import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { OWNER } from '@roster/domain';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { pageOf, pageQuery, type PageQuery } from '../common/schemas.js';
import {
  createOperatorSchema,
  type CreateOperatorInput,
  operatorSchema,
  updateOperatorSchema,
  type UpdateOperatorInput,
} from './operator.schemas.js';
import { OperatorsService } from './operators.service.js';

@ApiTags('Operators')
@Controller()
export class OperatorsController {
  constructor(private readonly operators: OperatorsService) {}

  @Post('accounts/:accountId/operators')
  @Authenticated({ roles: OWNER, scope: 'accountId' })
  @ApiCreatedResponse({ standardSchema: operatorSchema })
  create(@Param('accountId') accountId: string, @Body({ schema: createOperatorSchema }) body: CreateOperatorInput) {
    return this.operators.create(accountId, body);
  }

  @Get('accounts/:accountId/operators')
  @Authenticated({ roles: OWNER, scope: 'accountId' })
  @ApiOkResponse({ standardSchema: pageOf(operatorSchema) })
  list(@Param('accountId') accountId: string, @Query({ schema: pageQuery }) page: PageQuery) {
    return this.operators.list(accountId, page);
  }

  @Get('operators/:operatorId')
  @Authenticated({ roles: OWNER, scope: 'operatorId' })
  @ApiOkResponse({ standardSchema: operatorSchema })
  get(@Param('operatorId') operatorId: string) {
    return this.operators.get(operatorId);
  }

  @Patch('operators/:operatorId')
  @Authenticated({ roles: OWNER, scope: 'operatorId' })
  @ApiOkResponse({ description: 'A new password ends the operator’s sessions', standardSchema: operatorSchema })
  update(@Param('operatorId') operatorId: string, @Body({ schema: updateOperatorSchema }) body: UpdateOperatorInput) {
    return this.operators.update(operatorId, body);
  }

  @Delete('operators/:operatorId')
  @HttpCode(204)
  @Authenticated({ roles: OWNER, scope: 'operatorId' })
  @ApiNoContentResponse({ description: 'The operator’s sessions stop working at once' })
  async remove(@Param('operatorId') operatorId: string): Promise<void> {
    await this.operators.remove(operatorId);
  }
}
