import { Body, Controller, Get, Param, Put, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ADMINS, TENANT_MANAGERS } from '@roster/domain';
import type { FastifyReply } from 'fastify';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { problemSchema } from '../openapi/problem.schema.js';
import {
  applicationKeyParam,
  applicationListSchema,
  applicationSchema,
  declareApplicationSchema,
  type DeclareApplicationInput,
  roleListSchema,
} from './application.schemas.js';
import { ApplicationsService } from './applications.service.js';

@ApiTags('Applications and roles')
@Controller('environments/:environmentId')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Put('applications/:applicationKey')
  @ApiOperation({
    operationId: 'declareApplication',
    summary: 'Declare an application and its roles',
    description:
      'Creates (201) or re-declares (200) the application with its full list of roles. Roles of the application ' +
      'missing from the list become inactive (kept, but grant nothing); listed ones are (re)activated. A role key ' +
      'already used by another application of the environment is refused with 409.',
  })
  @ApiConflictResponse({
    description: 'A role key belongs to another application of the environment',
    standardSchema: problemSchema,
  })
  @Authenticated({ roles: ADMINS, scope: 'environmentId' })
  @ApiCreatedResponse({
    description: 'The application was declared for the first time',
    standardSchema: applicationSchema,
  })
  @ApiOkResponse({ description: 'The application’s roles were re-declared', standardSchema: applicationSchema })
  async declare(
    @Param({ schema: applicationKeyParam }) params: { environmentId: string; applicationKey: string },
    @Body({ schema: declareApplicationSchema }) body: DeclareApplicationInput,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { created, application } = await this.applications.declare(params.environmentId, params.applicationKey, body);
    void reply.status(created ? 201 : 200);
    return application;
  }

  @Get('applications')
  @ApiOperation({
    operationId: 'listApplications',
    summary: 'List applications',
    description: 'The environment’s applications, each with its roles.',
  })
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'environmentId' })
  @ApiOkResponse({ standardSchema: applicationListSchema })
  list(@Param('environmentId') environmentId: string) {
    return this.applications.list(environmentId);
  }

  @Get('roles')
  @ApiOperation({
    operationId: 'listRoles',
    summary: 'List roles',
    description: 'Every role of the environment across its applications, inactive ones included (`isActive: false`).',
  })
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'environmentId' })
  @ApiOkResponse({
    description: 'Every role of the environment, inactive ones included',
    standardSchema: roleListSchema,
  })
  roles(@Param('environmentId') environmentId: string) {
    return this.applications.roles(environmentId);
  }
}
