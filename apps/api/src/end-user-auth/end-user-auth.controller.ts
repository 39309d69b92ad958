import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import {
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { PLATFORM_ONLY, TENANT_MANAGERS } from '@roster/domain';
import type { FastifyRequest } from 'fastify';
import { Authenticated, Public } from '../auth/authenticated.decorator.js';
import { RequestContext } from '../common/request-context.js';
import { ResourceId } from '../common/resource-id.pipe.js';
import { pageOf, pageQuery, type PageQuery } from '../common/schemas.js';
import { problemSchema } from '../openapi/problem.schema.js';
import {
  type EndUserLoginInput,
  endUserLoginSchema,
  type EndUserSession,
  endUserSessionSchema,
  jwksSchema,
  loginAttemptSchema,
  loginBlockSchema,
  userLoginBlockStatusSchema,
} from './end-user-auth.schemas.js';
import { LoginAttemptsService } from './login-attempts.service.js';
import { SigningKeys } from './signing-keys.service.js';

const userId = () => Param('userId', new ResourceId('User'));

@ApiTags('End-user authentication')
@Controller()
export class EndUserAuthController {
  constructor(
    private readonly keys: SigningKeys,
    private readonly attempts: LoginAttemptsService,
  ) {}

  @Post('tenants/:tenantId/auth/login')
  @ApiOperation({
    operationId: 'loginEndUser',
    summary: 'Sign in as an end user',
    description:
      'Checks an end user’s username and password and returns a short-lived JWT access token (`sub` user id, `tid` ' +
      'tenant id, `roles`, `iss`, and `aud`: the keys of the applications declared in the tenant’s environment), ' +
      'signed with a key of the tenant and verifiable with the tenant’s JWKS only. An application checks `iss`, ' +
      'that `aud` contains its key, and the signature. Unknown user, wrong password, inactive or anonymous ' +
      'user all answer the same 401. Repeated failures block the username from that address (3 in 60 minutes: ' +
      '30 s, 6: 30 min) or the address (20: 5 min, 50: 1 h), and 100 failures of one username across addresses ' +
      'hold it back for 30 s from everywhere: 429 with `Retry-After`. A login that could not be decided because ' +
      'of a server fault answers 503 and is not counted as a failure.',
  })
  @HttpCode(200)
  @Public({ scope: 'tenantId' })
  @UseGuards(AuthGuard('end-user-password'))
  @ApiOkResponse({ standardSchema: endUserSessionSchema })
  @ApiUnauthorizedResponse({
    description: 'Unknown user, wrong password, inactive or anonymous user: one answer for all',
    standardSchema: problemSchema,
  })
  @ApiTooManyRequestsResponse({ description: 'Blocked; see Retry-After', standardSchema: problemSchema })
  @ApiServiceUnavailableResponse({
    description:
      'The database or the brute-force counters (Redis) failed or did not answer within a second; the attempt ' +
      'was not counted; try again shortly',
    standardSchema: problemSchema,
  })
  login(
    @Req() request: FastifyRequest & { user: EndUserSession },
    // Validated by the strategy already; declared so the OpenAPI document shows the body.
    @Body({ schema: endUserLoginSchema }) _credentials: EndUserLoginInput,
  ): EndUserSession {
    return request.user;
  }

  @Get('tenants/:tenantId/auth/jwks.json')
  @ApiOperation({
    operationId: 'getTenantJwks',
    summary: 'Get the tenant’s public signing keys',
    description:
      'The JSON Web Key Set that verifies access tokens of this tenant, and of no other: each tenant has signing ' +
      'keys of its own (made on first use). Cache it for up to five minutes and refetch on an unknown `kid`.',
  })
  @Public({ scope: 'tenantId' })
  @Header('cache-control', 'public, max-age=300')
  @ApiOkResponse({ description: 'Public keys that verify the tenant’s access tokens', standardSchema: jwksSchema })
  jwks() {
    return this.keys.published(RequestContext.tenant);
  }

  @Get('tenants/:tenantId/users/:userId/login-attempts')
  @ApiOperation({
    operationId: 'listUserLoginAttempts',
    summary: 'List a user’s login attempts',
    description:
      'The user’s recent login attempts, newest first, with result (logged-in, invalid-password, blocked-user …) ' +
      'and client address.',
  })
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' })
  @ApiOkResponse({ description: 'Newest first', standardSchema: pageOf(loginAttemptSchema) })
  list(@userId() user: string, @Query({ schema: pageQuery }) page: PageQuery) {
    return this.attempts.list(user, page);
  }

  @Post('tenants/:tenantId/users/:userId/unblock')
  @ApiOperation({
    operationId: 'unblockUser',
    summary: 'Lift a login block',
    description:
      'Lifts every brute-force block on the user’s username, from every address, and forgets its failures. ' +
      'Blocks of client addresses stay (DELETE /tenants/{tenantId}/login-blocks/{blockId} lifts one). An ' +
      'inactive user still cannot log in.',
  })
  @HttpCode(204)
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' })
  @ApiNoContentResponse({ description: 'Lifts the blocks on the user’s username at once' })
  async unblock(@userId() user: string): Promise<void> {
    await this.attempts.unblock(user);
  }

  @Get('tenants/:tenantId/users/:userId/login-block')
  @ApiOperation({
    operationId: 'getUserLoginBlockStatus',
    summary: 'Get whether a user is blocked from logging in',
    description:
      'Whether the user’s username is blocked now, from which addresses and until when (blocks of client ' +
      'addresses, which hold back every user, are listed by GET /tenants/{tenantId}/login-blocks).',
  })
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' })
  @ApiOkResponse({ description: 'The user’s blocks in force', standardSchema: userLoginBlockStatusSchema })
  blockStatus(@userId() user: string) {
    return this.attempts.blockStatus(user);
  }

  @Get('tenants/:tenantId/login-blocks')
  @ApiOperation({
    operationId: 'listLoginBlocks',
    summary: 'List the tenant’s login blocks',
    description:
      'The brute-force blocks in force in the tenant, soonest to end first: client addresses, (username, ' +
      'address) pairs and usernames held back across addresses, each with its end. Usernames no known user has ' +
      'are kept only as keyed hashes, so their blocks show no name.',
  })
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' })
  @ApiOkResponse({ description: 'Soonest to end first', standardSchema: pageOf(loginBlockSchema) })
  blocks(@Query({ schema: pageQuery }) page: PageQuery) {
    return this.attempts.blocks(page);
  }

  @Delete('tenants/:tenantId/login-blocks/:blockId')
  @ApiOperation({
    operationId: 'liftLoginBlock',
    summary: 'Lift one login block',
    description: 'Lifts the block at once and forgets the failures behind it; recorded as login-block.lifted.',
  })
  @HttpCode(204)
  @Authenticated({ roles: TENANT_MANAGERS, scope: 'tenantId' })
  @ApiNoContentResponse({ description: 'The block is lifted' })
  @ApiNotFoundResponse({
    description: 'No such block in force (it ended or was lifted)',
    standardSchema: problemSchema,
  })
  async lift(@Param('blockId') blockId: string): Promise<void> {
    await this.attempts.lift(blockId);
  }

  @Post('auth/signing-keys/rotate')
  @ApiOperation({
    operationId: 'rotateSigningKeys',
    summary: 'Rotate every tenant’s token signing key',
    description:
      'For every tenant, a new key signs access tokens from now on (made at the tenant’s next login); tokens signed ' +
      'with the previous key stay valid until they expire, and its private half is erased.',
  })
  @HttpCode(204)
  @Authenticated({ roles: PLATFORM_ONLY })
  @ApiNoContentResponse({ description: 'New keys sign from now on; tokens signed before stay valid' })
  async rotate(): Promise<void> {
    await this.keys.rotate();
  }
}
