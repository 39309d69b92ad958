import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ANY_ACCOUNT_ROLE } from '@roster/domain';
import type { FastifyRequest } from 'fastify';
import { RequestContext } from '../common/request-context.js';
import { problemSchema } from '../openapi/problem.schema.js';
import { loginSchema, meSchema, sessionSchema } from './auth.schemas.js';
import { AuthService } from './auth.service.js';
import { Authenticated, Public } from './authenticated.decorator.js';

@ApiTags('Operator sessions')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @ApiOperation({
    operationId: 'loginOperator',
    summary: 'Sign in as an operator',
    description:
      'Exchanges an operator’s username and password for a session token; send it as `Authorization: Bearer ' +
      '<token>` until `expiresAt`. Any failure is the same 401, so usernames cannot be probed; repeated failures ' +
      'from one address answer 429 with `Retry-After`.',
  })
  @HttpCode(200)
  @ApiOkResponse({ standardSchema: sessionSchema })
  @ApiUnauthorizedResponse({ description: 'Unknown username or wrong password', standardSchema: problemSchema })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins; see Retry-After', standardSchema: problemSchema })
  @ApiServiceUnavailableResponse({
    description: 'The brute-force counters (Redis) cannot be reached; try again shortly',
    standardSchema: problemSchema,
  })
  login(@Body({ schema: loginSchema }) body: { username: string; password: string }, @Req() request: FastifyRequest) {
    return this.auth.login(body.username, body.password, request.ip);
  }

  @Authenticated({ roles: ANY_ACCOUNT_ROLE })
  @Post('auth/logout')
  @ApiOperation({
    operationId: 'logoutOperator',
    summary: 'Sign out',
    description:
      'Revokes the session token used for this request at once. API keys do not sign out (403): an owner deletes ' +
      'them instead.',
  })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The token no longer works' })
  async logout(@Req() request: FastifyRequest): Promise<void> {
    const token = (request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    await this.auth.logout(RequestContext.actor, token);
  }

  @Authenticated({ roles: ANY_ACCOUNT_ROLE })
  @Get('me')
  @ApiOperation({
    operationId: 'getMe',
    summary: 'Who is calling',
    description:
      'The caller’s identity: operator or API key id, role, account and, for tenant-admins, the tenants they ' +
      'manage. The platform admin has `role: "platform-admin"` and `accountId: null`. Use it to decide what to show ' +
      'a signed-in operator.',
  })
  @ApiOkResponse({ standardSchema: meSchema })
  me() {
    return this.auth.me(RequestContext.actor);
  }
}
