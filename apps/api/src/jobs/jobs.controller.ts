import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ANY_ACCOUNT_ROLE, USAGE_READERS } from '@roster/domain';
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
  @ApiOperation({
    operationId: 'getJob',
    summary: 'Get a background job',
    description:
      'The state of a job the API queued (such as a usage recount): waiting, active, completed (with `result`) or ' +
      'failed (with `failedReason`); poll it until it is completed or failed.',
  })
  @Authenticated({ roles: ANY_ACCOUNT_ROLE, narrowedInHandlerTo: USAGE_READERS })
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
