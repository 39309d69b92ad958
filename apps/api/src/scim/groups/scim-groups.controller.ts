import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  parseScimGroupFilter,
  resolveScimGroupSortBy,
  type ScimGroupFilter,
  type ScimGroupSortKey,
} from '@roster/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/authenticated.decorator.js';
import { ScimAccessGuard } from '../scim-access.guard.js';
import { ScimErrorFilter } from '../scim-error.filter.js';
import { notModified } from '../scim-etag.js';
import { SCIM_ROUTE_PREFIX, scimBaseUrl } from '../scim-http.js';
import { type ListDialect, readListRequest, readProjection } from '../scim-list.js';
import { asObject, respond } from '../scim-responses.js';
import { ScimGroupsService } from './scim-groups.service.js';

const GROUPS: ListDialect<ScimGroupFilter, ScimGroupSortKey> = {
  resourceType: 'Group',
  parseFilter: parseScimGroupFilter,
  resolveSortBy: resolveScimGroupSortBy,
};

type Query = Record<string, unknown>;

/** SCIM Groups (RFC 7644 §3.2–3.6) of the tenant in the path; see ScimUsersController on the OpenAPI document. */
@ApiExcludeController()
@Public()
@UseGuards(ScimAccessGuard)
@UseFilters(ScimErrorFilter)
@Controller(`${SCIM_ROUTE_PREFIX}/Groups`)
export class ScimGroupsController {
  constructor(private readonly groups: ScimGroupsService) {}

  @Get()
  list(@Query() query: Query, @Req() request: FastifyRequest) {
    return this.groups.list(readListRequest(query, GROUPS), scimBaseUrl(request));
  }

  @Post('.search')
  @HttpCode(200)
  search(@Body() body: unknown, @Req() request: FastifyRequest) {
    return this.groups.list(readListRequest(asObject(body), GROUPS, { searchBody: true }), scimBaseUrl(request));
  }

  @Get(':id')
  async get(
    @Param('id') id: string,
    @Query() query: Query,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const projection = readProjection(query, 'Group');
    const found = await this.groups.get(id, projection.wants('members'), scimBaseUrl(request));
    if (notModified(ifNoneMatch, found.version)) {
      void reply.status(304).header('etag', found.version);
      return '';
    }
    return respond(reply, found, projection.project);
  }

  @Post()
  async create(
    @Body() body: unknown,
    @Query() query: Query,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const created = await this.groups.create(body, scimBaseUrl(request));
    void reply.status(201).header('location', (created.resource.meta as { location: string }).location);
    return respond(reply, created, readProjection(query, 'Group').project);
  }

  @Put(':id')
  async replace(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: Query,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const replaced = await this.groups.replace(id, body, ifMatch, scimBaseUrl(request));
    return respond(reply, replaced, readProjection(query, 'Group').project);
  }

  /**
   * 204 with the new ETag (RFC 7644 §3.5.2 allows it): answering the whole group would send every member
   * back, possibly a hundred thousand, for each membership change Entra ID or Okta makes.
   */
  @Patch(':id')
  @HttpCode(204)
  async patch(
    @Param('id') id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const { version } = await this.groups.patch(id, body, ifMatch);
    void reply.header('etag', version);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.groups.remove(id, ifMatch);
  }
}
