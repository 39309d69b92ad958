import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ADMINS, TENANT_MANAGERS } from '@roster/domain';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { pageOf } from '../common/schemas.js';
import { auditEventSchema, auditQuerySchema, type AuditQuery } from './audit.schemas.js';
import { AuditReader } from './audit.reader.js';

@ApiTags('Audit')
@Controller()
export class AuditController {
  constructor(private readonly reader: AuditReader) {}

  @Get('accounts/:accountId/audit-events')
  @ApiOperation({
    operationId: 'listAccountAuditEvents',
    summary: 'List the account’s audit events',
    description:
      'Every change in the account, newest first; filter by `targetId`, `actorId`, `action` and a `from`/`to` time ' +
      'range.',
  })
  @Authenticated({ roles: ADMINS, scope: 'accountId' })
  @ApiOkResponse({ description: 'Every change in the account, newest first', standardSchema: pageOf(auditEventSchema) })
  // The account is the scope the access guard resolved from the path; the parameter documents it.
  list(@Param('accountId') _accountId: string, @Query({ schema: auditQuerySchema }) query: AuditQuery) {
    return this.reader.listOfAccount(query);
  }

  @Get('tenants/:tenantId/audit-events')
  @ApiOperation({
    operationId: 'listTenantAuditEvents',
    summary: 'List the tenant’s audit events',
    description: 'Every change in the tenant, newest first, with the same filters as the account’s audit events.',
  })
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' })
  @ApiOkResponse({ description: 'Every change in the tenant, newest first', standardSchema: pageOf(auditEventSchema) })
  listOfTenant(@Query({ schema: auditQuerySchema }) query: AuditQuery) {
    return this.reader.listOfTenant(query);
  }
}
