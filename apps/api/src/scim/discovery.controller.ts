import { Controller, Get, Param, Req, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { BULK_LIMITS, ScimError, scimResourceTypes, scimSchemas, scimServiceProviderConfig } from '@roster/domain';
import type { FastifyRequest } from 'fastify';
import { Public } from '../auth/authenticated.decorator.js';
import { ScimAccessGuard } from './scim-access.guard.js';
import { ScimErrorFilter } from './scim-error.filter.js';

import { SCIM_ROUTE_PREFIX, scimBaseUrl } from './scim-http.js';
import { LIST_RESPONSE_SCHEMA, SCIM_DEFAULT_PAGE_SIZE, SCIM_MAX_PAGE_SIZE } from './scim-list.js';

const listOf = (resources: object[]) => ({
  schemas: [LIST_RESPONSE_SCHEMA],
  totalResults: resources.length,
  itemsPerPage: resources.length,
  startIndex: 1,
  Resources: resources,
});

/**
 * Discovery (RFC 7644 §4): what this service provider supports, its resource types and schemas. Behind the SCIM
 * token like everything else: the base URL names a tenant, whose existence an anonymous caller must not learn.
 */
@ApiExcludeController()
@Public()
@UseGuards(ScimAccessGuard)
@UseFilters(ScimErrorFilter)
@Controller(SCIM_ROUTE_PREFIX)
export class ScimDiscoveryController {
  @Get('ServiceProviderConfig')
  serviceProviderConfig(@Req() request: FastifyRequest) {
    return scimServiceProviderConfig(scimBaseUrl(request), {
      bulk: BULK_LIMITS,
      maxResults: SCIM_MAX_PAGE_SIZE,
      defaultPageSize: SCIM_DEFAULT_PAGE_SIZE,
    });
  }

  @Get('ResourceTypes')
  resourceTypes(@Req() request: FastifyRequest) {
    return listOf(scimResourceTypes(scimBaseUrl(request)));
  }

  @Get('ResourceTypes/:name')
  resourceType(@Param('name') name: string, @Req() request: FastifyRequest) {
    const found = scimResourceTypes(scimBaseUrl(request)).find((type) => type.id === name);
    if (!found) throw new ScimError(404, undefined, `There is no resource type "${name}"; there are User and Group.`);
    return found;
  }

  @Get('Schemas')
  schemas(@Req() request: FastifyRequest) {
    return listOf(scimSchemas(scimBaseUrl(request)));
  }

  @Get('Schemas/:id')
  schema(@Param('id') id: string, @Req() request: FastifyRequest) {
    const found = scimSchemas(scimBaseUrl(request)).find((schema) => schema.id === id);
    if (!found) throw new ScimError(404, undefined, `There is no schema "${id}".`);
    return found;
  }
}
