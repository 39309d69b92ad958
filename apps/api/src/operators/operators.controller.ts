import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
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
  @ApiOperation({
    operationId: 'createOperator',
    summary: 'Create an operator',
    description:
      'Adds an operator to the account with a role (owner, admin, tenant-admin or billing); `tenantIds` only for ' +
      'tenant-admins, and only tenants of this account. Operator usernames are unique across the deployment ' +
      'after normalization (NFKC, then case folding) and follow the rules of end users’ usernames (400); a ' +
      'username in use anywhere answers 409 "not available", without saying where.',
  })
  @ApiConflictResponse({ description: 'The username is not available', standardSchema: problemSchema })
  @Authenticated({ roles: OWNER, scope: 'accountId' })
  @ApiCreatedResponse({ standardSchema: operatorSchema })
  create(@Param('accountId') accountId: string, @Body({ schema: createOperatorSchema }) body: CreateOperatorInput) {
    return this.operators.create(accountId, body);
  }

  @Get('accounts/:accountId/operators')
  @ApiOperation({
    operationId: 'listOperators',
    summary: 'List operators',
    description: 'The operators of the account, paginated; never their passwords.',
  })
  @Authenticated({ roles: OWNER, scope: 'accountId' })
  @ApiOkResponse({ standardSchema: pageOf(operatorSchema) })
  list(@Param('accountId') accountId: string, @Query({ schema: pageQuery }) page: PageQuery) {
    return this.operators.list(accountId, page);
  }

  @Get('operators/:operatorId')
  @ApiOperation({
    operationId: 'getOperator',
    summary: 'Get an operator',
    description: 'One operator of the caller’s account.',
  })
  @Authenticated({ roles: OWNER, scope: 'operatorId' })
  @ApiOkResponse({ standardSchema: operatorSchema })
  get(@Param('operatorId') operatorId: string) {
    return this.operators.get(operatorId);
  }

  @Patch('operators/:operatorId')
  @ApiOperation({
    operationId: 'updateOperator',
    summary: 'Update an operator',
    description:
      'Changes the username, password, role or tenants. A new password ends the operator’s sessions. Demoting the ' +
      'account’s last owner is refused (409).',
  })
  @ApiConflictResponse({
    description: 'The username is not available, or the account’s last owner would be demoted',
    standardSchema: problemSchema,
  })
  @Authenticated({ roles: OWNER, scope: 'operatorId' })
  @ApiOkResponse({ description: 'A new password ends the operator’s sessions', standardSchema: operatorSchema })
  update(@Param('operatorId') operatorId: string, @Body({ schema: updateOperatorSchema }) body: UpdateOperatorInput) {
    return this.operators.update(operatorId, body);
  }

  @Delete('operators/:operatorId')
  @ApiOperation({
    operationId: 'deleteOperator',
    summary: 'Delete an operator',
    description:
      'Removes the operator; their sessions stop working at once. The account’s last owner cannot be deleted (409).',
  })
  @ApiConflictResponse({ description: 'This is the account’s last owner', standardSchema: problemSchema })
  @HttpCode(204)
  @Authenticated({ roles: OWNER, scope: 'operatorId' })
  @ApiNoContentResponse({ description: 'The operator’s sessions stop working at once' })
  async remove(@Param('operatorId') operatorId: string): Promise<void> {
    await this.operators.remove(operatorId);
  }
}
