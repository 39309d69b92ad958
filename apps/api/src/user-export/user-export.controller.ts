import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { TENANT_MANAGERS } from '@roster/domain';
import type { FastifyReply } from 'fastify';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { problemSchema } from '../openapi/problem.schema.js';
import { EXPORT_DESCRIPTION, type UserExportQuery, userExportQuerySchema } from './user-export.schemas.js';
import { UserExportService } from './user-export.service.js';

/** A client that takes nothing for this long is cut off: its export holds a database connection. */
const STALLED_CLIENT_MS = 60_000;

const CSV_EXAMPLE =
  'id,username,name,email,mobilePhone,externalId,kind,isActive,licenseClass,createdAt,updatedAt,lastLoginAt,groups,roles\r\n' +
  '0190a0b2-7c1e-7a55-9f00-3c2d1e0f4a5b,"ada","Ada Lovelace","ada@example.com","\'+44 20 7946 0000",,registered,true,' +
  'internal,2026-01-05T09:30:00.000Z,2026-01-05T09:30:00.000Z,,"Engineering;R&D\\; Ops","crm.read"\r\n';

@ApiTags('Users')
@Controller('tenants/:tenantId/users')
export class UserExportController {
  constructor(private readonly exports: UserExportService) {}

  @Get('export')
  @ApiOperation({
    operationId: 'exportUsers',
    summary: 'Export end users as CSV or JSON Lines',
    description: EXPORT_DESCRIPTION,
  })
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' })
  @ApiOkResponse({
    description: 'The file, streamed as it is read (chunked), as an attachment',
    content: {
      'text/csv': { schema: { type: 'string' }, example: CSV_EXAMPLE },
      'application/x-ndjson': { schema: { type: 'string' } },
    },
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many exports are running on this API instance; see Retry-After',
    standardSchema: problemSchema,
  })
  async export(
    @Query({ schema: userExportQuerySchema }) query: UserExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const file = await this.exports.open(query);
    // Fastify pipes the stream into the response (its backpressure holds back the cursor) and destroys it when the
    // client goes away, which closes the cursor and hands its connection back.
    reply.raw.setTimeout?.(STALLED_CLIENT_MS, () => reply.raw.destroy());
    void reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff');
    return file.stream;
  }
}
