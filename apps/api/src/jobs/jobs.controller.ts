import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ANY_ACCOUNT_ROLE } from '@roster/domain';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { problemSchema } from '../openapi/problem.schema.js';
import { jobIdParam, jobSchema } from './job.schemas.js';
import { JobsService } from './jobs.service.js';

@ApiTags('Jobs')
@Controller()
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  /**
   * No scope parameter: the service resolves the job's account and applies the usage readers' rule
   * (owner, admin, billing) to it, so that a job of another account is 404 for every role.
   */
  @Get('jobs/:jobId')
  @Authenticated({ roles: ANY_ACCOUNT_ROLE })
  @ApiParam({ name: 'jobId', required: true, schema: { type: 'string' } })
  @ApiOkResponse({
    description: 'A background job of the caller’s account (owner, admin and billing; 403 for tenant-admins)',
    standardSchema: jobSchema,
  })
  @ApiNotFoundResponse({ description: 'No such job, or one of another account', standardSchema: problemSchema })
  @ApiServiceUnavailableResponse({ description: 'The job queue (Redis) is unavailable', standardSchema: problemSchema })
  get(@Param({ schema: jobIdParam }) params: { jobId: string }) {
    return this.jobs.get(params.jobId);
  }
}
