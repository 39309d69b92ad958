import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ADMINS, TENANT_MANAGERS } from '@roster/domain';
import { Authenticated } from '../auth/authenticated.decorator.js';
import { pageOf, pageQuery, type PageQuery } from '../common/schemas.js';
import { problemSchema } from '../openapi/problem.schema.js';
import { LifecyclePoliciesService } from './lifecycle-policies.service.js';
import {
  environmentLifecycleSchema,
  type LifecyclePolicyInput,
  lifecyclePolicyInputSchema,
  lifecyclePreviewSchema,
  lifecycleRunSchema,
  runAcceptedSchema,
  tenantLifecycleSchema,
} from './lifecycle-policy.schemas.js';

const RULES =
  'A registered, active user is dormant when its last login — or, never logged in, its creation — is more than ' +
  '`deactivateAfterDays` days (of 24 hours) ago; the policy deactivates dormant users (grants and memberships kept, ' +
  'seat freed). With `deleteAfterDays` it deletes the users it deactivated itself at least that many days ago, ' +
  'still inactive, changed by nobody since, and last seen more than `deactivateAfterDays + deleteAfterDays` days ' +
  'ago; users deactivated by anyone else are never deleted by a policy. Members of `exceptGroupIds` and holders ' +
  '(directly or through a group, by an unexpired grant) of `exceptRoleKeys` are never touched. Runs daily; every ' +
  'change is audited and told like an operator’s (`user.deactivated`, `user.deleted`) with the policy as actor ' +
  '(`actorType: "lifecycle-policy"`, `actorId`: the policy’s id).';

const queueUnavailable = () =>
  ApiServiceUnavailableResponse({ description: 'The job queue (Redis) is unavailable', standardSchema: problemSchema });
const notRunnable = () =>
  ApiConflictResponse({ description: 'No policy applies, or it is disabled', standardSchema: problemSchema });

/** An environment's dormant-user policy (owners and admins): the tenants without an override follow it. */
@ApiTags('Lifecycle policies')
@Controller('environments/:environmentId/lifecycle-policy')
export class EnvironmentLifecycleController {
  constructor(private readonly policies: LifecyclePoliciesService) {}

  @Get()
  @ApiOperation({
    operationId: 'getEnvironmentLifecyclePolicy',
    summary: 'Get the environment’s dormant-user policy',
    description: `The environment’s policy, or \`source: null, policy: null\` when it has none. ${RULES}`,
  })
  @Authenticated({ roles: ADMINS, scope: 'environmentId' })
  @ApiOkResponse({ standardSchema: environmentLifecycleSchema })
  get(@Param('environmentId') environmentId: string) {
    return this.policies.getOfEnvironment(environmentId);
  }

  @Put()
  @ApiOperation({
    operationId: 'putEnvironmentLifecyclePolicy',
    summary: 'Set the environment’s dormant-user policy',
    description:
      'Sets or replaces the policy of every tenant of the environment without an override of its own. ' +
      '`exceptGroupIds` must be empty here (groups belong to tenants: 400); `exceptRoleKeys` are role keys of the ' +
      'environment (an unknown one: 400 naming it). Days are whole numbers from 1 to 3650. Audited as ' +
      '`environment.lifecycle-policy.replaced`.',
  })
  @Authenticated({ roles: ADMINS, scope: 'environmentId' })
  @ApiOkResponse({ standardSchema: environmentLifecycleSchema })
  put(
    @Param('environmentId') environmentId: string,
    @Body({ schema: lifecyclePolicyInputSchema }) body: LifecyclePolicyInput,
  ) {
    return this.policies.putOfEnvironment(environmentId, body);
  }

  @Get('preview')
  @ApiOperation({
    operationId: 'previewEnvironmentLifecyclePolicy',
    summary: 'Preview the environment’s dormant-user policy',
    description:
      'Who the policy would deactivate and delete now in the tenants that follow it (counts, and the first 100 of ' +
      'each, longest unseen first), the seats freed per tenant, and how much the account’s licensed totals would ' +
      'drop (production environments, the account’s aggregation) once recounted. A run at the same instant does ' +
      'exactly this. Tenants with an override of their own are listed apart. 404 while the environment has no ' +
      'policy (a disabled one is previewed).',
  })
  @Authenticated({ roles: ADMINS, scope: 'environmentId' })
  @ApiOkResponse({ standardSchema: lifecyclePreviewSchema })
  preview(@Param('environmentId') environmentId: string) {
    return this.policies.previewOfEnvironment(environmentId);
  }

  @Get('runs')
  @ApiOperation({
    operationId: 'listEnvironmentLifecycleRuns',
    summary: 'List the runs of dormant-user policies in the environment',
    description: 'Every tenant’s runs (its own override’s or the environment’s policy), newest first.',
  })
  @Authenticated({ roles: ADMINS, scope: 'environmentId' })
  @ApiOkResponse({ standardSchema: pageOf(lifecycleRunSchema) })
  runs(@Param('environmentId') environmentId: string, @Query({ schema: pageQuery }) page: PageQuery) {
    return this.policies.runsOfEnvironment(environmentId, page);
  }

  @Post('run')
  @ApiOperation({
    operationId: 'runEnvironmentLifecyclePolicy',
    summary: 'Run the environment’s dormant-user policy now',
    description:
      'Queues a run for every tenant that follows the policy (besides the daily one) and answers 202 with the ' +
      '`jobId` of the job that queues them; follow the runs with `GET …/lifecycle-policy/runs`. 409 without an ' +
      'enabled policy; 503 while the job queue is unavailable.',
  })
  @HttpCode(202)
  @Authenticated({ roles: ADMINS, scope: 'environmentId' })
  @ApiAcceptedResponse({ standardSchema: runAcceptedSchema })
  @notRunnable()
  @queueUnavailable()
  run(@Param('environmentId') environmentId: string) {
    return this.policies.runEnvironmentNow(environmentId);
  }
}

/** A tenant's dormant-user policy: its own override, or its environment's (tenant managers of the tenant). */
@ApiTags('Lifecycle policies')
@Controller('tenants/:tenantId/lifecycle-policy')
export class TenantLifecycleController {
  constructor(private readonly policies: LifecyclePoliciesService) {}

  @Get()
  @ApiOperation({
    operationId: 'getTenantLifecyclePolicy',
    summary: 'Get the tenant’s dormant-user policy',
    description:
      'The policy in effect for the tenant with where it comes from (`source`: its own override, its environment, ' +
      `or null when none applies), and the environment’s policy beside it. ${RULES}`,
  })
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' })
  @ApiOkResponse({ standardSchema: tenantLifecycleSchema })
  get() {
    return this.policies.getOfTenant();
  }

  @Put()
  @ApiOperation({
    operationId: 'putTenantLifecyclePolicy',
    summary: 'Override the dormant-user policy for the tenant',
    description:
      'Sets or replaces the tenant’s own policy, which replaces the environment’s entirely for this tenant. ' +
      '`exceptGroupIds` are groups of the tenant and `exceptRoleKeys` roles of its environment (an unknown one: 400 ' +
      'naming it). Audited as `tenant.lifecycle-policy.replaced`.',
  })
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' })
  @ApiOkResponse({ standardSchema: tenantLifecycleSchema })
  put(@Body({ schema: lifecyclePolicyInputSchema }) body: LifecyclePolicyInput) {
    return this.policies.putOfTenant(body);
  }

  @Delete()
  @ApiOperation({
    operationId: 'deleteTenantLifecyclePolicy',
    summary: 'Remove the tenant’s override',
    description:
      'The environment’s policy applies to the tenant again. Idempotent; audited as `tenant.lifecycle-policy.deleted`.',
  })
  @HttpCode(204)
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' })
  @ApiNoContentResponse({ description: 'The override is gone (or there was none)' })
  async remove(): Promise<void> {
    await this.policies.deleteOfTenant();
  }

  @Get('preview')
  @ApiOperation({
    operationId: 'previewTenantLifecyclePolicy',
    summary: 'Preview the tenant’s dormant-user policy',
    description:
      'Who the policy in effect would deactivate and delete in the tenant now (counts, and the first 100 of each), ' +
      'the seats freed in the tenant’s counts and — for owners and admins — how much the account’s licensed totals ' +
      'would drop once recounted (`seatsSaved`; null for tenant-admins). A run at the same instant does exactly ' +
      'this. 404 while no policy applies (a disabled one is previewed).',
  })
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' })
  @ApiOkResponse({ standardSchema: lifecyclePreviewSchema })
  preview() {
    return this.policies.previewOfTenant();
  }

  @Get('runs')
  @ApiOperation({
    operationId: 'listTenantLifecycleRuns',
    summary: 'List the runs of the tenant’s dormant-user policy',
    description: 'Newest first: when, by which policy and trigger, what it deactivated and deleted, or why it failed.',
  })
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' })
  @ApiOkResponse({ standardSchema: pageOf(lifecycleRunSchema) })
  runs(@Query({ schema: pageQuery }) page: PageQuery) {
    return this.policies.runsOfTenant(page);
  }

  @Post('run')
  @ApiOperation({
    operationId: 'runTenantLifecyclePolicy',
    summary: 'Run the tenant’s dormant-user policy now',
    description:
      'Queues a run of the policy in effect (besides the daily one; a run already waiting or running is joined) ' +
      'and answers 202 with its `jobId`; follow it with `GET …/lifecycle-policy/runs`. 409 without an enabled ' +
      'policy; 503 while the job queue is unavailable.',
  })
  @HttpCode(202)
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' })
  @ApiAcceptedResponse({ standardSchema: runAcceptedSchema })
  @notRunnable()
  @queueUnavailable()
  run() {
    return this.policies.runTenantNow();
  }
}
