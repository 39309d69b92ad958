import { Body, Controller, Headers, HttpCode, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { BULK_LIMITS, ScimError } from '@roster/domain';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../auth/authenticated.decorator.js';
import { ScimAccessGuard } from '../scim-access.guard.js';
import { ScimErrorFilter } from '../scim-error.filter.js';
import { SCIM_ROUTE_PREFIX, scimBaseUrl } from '../scim-http.js';
import { ScimBulkService } from './scim-bulk.service.js';

@ApiExcludeController()
@Public()
@UseGuards(ScimAccessGuard)
@UseFilters(ScimErrorFilter)
@Controller(`${SCIM_ROUTE_PREFIX}/Bulk`)
export class ScimBulkController {
  constructor(private readonly bulk: ScimBulkService) {}

  @Post()
  @HttpCode(200)
  run(@Body() body: unknown, @Headers('content-length') length: string | undefined, @Req() request: FastifyRequest) {
    if (Number(length ?? 0) > BULK_LIMITS.maxPayloadSize) {
      throw new ScimError(
        413,
        undefined,
        `A Bulk request may be at most ${BULK_LIMITS.maxPayloadSize} bytes; split it.`,
      );
    }
    return this.bulk.run(body, scimBaseUrl(request));
  }
}
