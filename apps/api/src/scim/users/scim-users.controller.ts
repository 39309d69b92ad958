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
import { parseScimUserFilter, resolveScimUserSortBy, type ScimProjection } from '@roster/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/authenticated.decorator.js';
import { ScimAccessGuard } from '../scim-access.guard.js';
import { ScimErrorFilter } from '../scim-error.filter.js';
import { notModified } from '../scim-etag.js';
import { SCIM_ROUTE_PREFIX, scimBaseUrl } from '../scim-http.js';
import { type ListDialect, readListRequest, readProjection } from '../scim-list.js';
import { asObject, respond } from '../scim-responses.js';
import { type Answered, ScimUsersService } from './scim-users.service.js';

const USERS: ListDialect<ReturnType<typeof parseScimUserFilter>, ReturnType<typeof resolveScimUserSortBy>> = {
  resourceType: 'User',
  parseFilter: parseScimUserFilter,
  resolveSortBy: resolveScimUserSortBy,
};

type Query = Record<string, unknown>;

/** A user's groups are read only when the answer shows them (they are returned on request). */
const answered = (projection: ScimProjection, request: FastifyRequest): Answered => ({
  withGroups: projection.wants('groups'),
  location: scimBaseUrl(request),
});

/**
 * SCIM Users (RFC 7644 §3.2–3.6) of the tenant in the path. Not in the OpenAPI document: SCIM is its own
 * protocol, described by the discovery endpoints (ServiceProviderConfig, Schemas, ResourceTypes) and docs/scim.md.
 */
@ApiExcludeController()
@Public()
@UseGuards(ScimAccessGuard)
@UseFilters(ScimErrorFilter)
@Controller(`${SCIM_ROUTE_PREFIX}/Users`)
export class ScimUsersController {
  constructor(private readonly users: ScimUsersService) {}

  @Get()
  async list(@Query() query: Query, @Req() request: FastifyRequest) {
    return this.users.list(readListRequest(query, USERS), scimBaseUrl(request));
  }

  @Post('.search')
  @HttpCode(200)
  async search(@Body() body: unknown, @Req() request: FastifyRequest) {
    const list = readListRequest(asObject(body), USERS, { searchBody: true });
    return this.users.list(list, scimBaseUrl(request));
  }

  @Get(':id')
  async get(
    @Param('id') id: string,
    @Query() query: Query,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const projection = readProjection(query, 'User');
    const found = await this.users.get(id, answered(projection, request));
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
    const projection = readProjection(query, 'User');
    const created = await this.users.create(body, answered(projection, request));
    void reply.status(201).header('location', (created.resource.meta as { location: string }).location);
    return respond(reply, created, projection.project);
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
    const projection = readProjection(query, 'User');
    return respond(
      reply,
      await this.users.replace(id, body, ifMatch, answered(projection, request)),
      projection.project,
    );
  }

  @Patch(':id')
  async patch(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: Query,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const projection = readProjection(query, 'User');
    return respond(reply, await this.users.patch(id, body, ifMatch, answered(projection, request)), projection.project);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @Headers('if-match') ifMatch: string | undefined): Promise<void> {
    await this.users.remove(id, ifMatch);
  }
}
