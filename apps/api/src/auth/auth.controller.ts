import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
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

@ApiTags('Operators')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOkResponse({ standardSchema: sessionSchema })
  @ApiUnauthorizedResponse({ description: 'Unknown username or wrong password', standardSchema: problemSchema })
  @ApiTooManyRequestsResponse({ description: 'Too many failed logins; see Retry-After', standardSchema: problemSchema })
  login(@Body({ schema: loginSchema }) body: { username: string; password: string }, @Req() request: FastifyRequest) {
    return this.auth.login(body.username, body.password, request.ip);
  }

  @Authenticated({ roles: ANY_ACCOUNT_ROLE })
  @Post('auth/logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The token no longer works' })
  async logout(@Req() request: FastifyRequest): Promise<void> {
    const token = (request.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    await this.auth.logout(RequestContext.actor, token);
  }

  @Authenticated({ roles: ANY_ACCOUNT_ROLE })
  @Get('me')
  @ApiOkResponse({ standardSchema: meSchema })
  me() {
    return this.auth.me(RequestContext.actor);
  }
}
