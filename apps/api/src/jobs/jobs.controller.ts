import { Controller, Get, Param } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ANY_ACCOUNT_ROLE, TENANT_MANAGERS, USAGE_READERS } from '@roster/domain';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { problemSchema } from '../openapi/problem.schema.js';
import { jobIdParam, jobSchema } from './job.schemas.js';
import { JobsService } from './jobs.service.js';

@ApiTags('Jobs')
@Controller()
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  /**
   * No scope parameter: the service resolves the job's scope from its payload and applies the rule of its kind
   * (an import's job: the import's; any other: the usage readers', owner, admin, billing), so that a job of
   * another account is 404 for every role.
   */
  @Get('jobs/:jobId')
  @ApiOperation({
    operationId: 'getJob',
    summary: 'Get a background job',
    description:
      'The state of a job the API queued (a usage recount’s `jobId`, or an import’s from `POST …/imports` and ' +
      '`…/apply`): waiting, active, completed (with `result`) or failed (with `failedReason`); poll it until it is ' +
      'completed or failed. An import’s job completes once its dry run is validated (or, applied, once it is ' +
      'applied) with `result` = `{importId, state, total, created, updated, unchanged, failed, batches}`; the import ' +
      'itself (`GET …/imports/:importId`) stays the full account of it, errors included.',
  })
  @Authenticated({
    roles: ANY_ACCOUNT_ROLE,
    narrowedInHandlerTo: {
      cases: [
        { what: 'A usage recount’s or policy run’s job', roles: USAGE_READERS, within: 'account' },
        { what: 'An import’s job', roles: TENANT_MANAGERS, within: 'tenant' },
      ],
    },
  })
  @ApiParam({ name: 'jobId', required: true, schema: { type: 'string' } })
  @ApiOkResponse({
    description:
      'A background job of the caller’s account: a recount’s for owner, admin and billing; an import’s for owner, ' +
      'admin and the tenant-admins of its tenant',
    standardSchema: jobSchema,
  })
  @ApiNotFoundResponse({
    description: 'No such job, or one of another account (or, an import’s, of a tenant outside a tenant-admin’s)',
    standardSchema: problemSchema,
  })
  @ApiServiceUnavailableResponse({ description: 'The job queue (Redis) is unavailable', standardSchema: problemSchema })
  get(@Param({ schema: jobIdParam }) params: { jobId: string }) {
    return this.jobs.get(params.jobId);
  }
}
