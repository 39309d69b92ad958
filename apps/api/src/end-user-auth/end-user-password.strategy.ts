import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import { validationProblem } from '../common/validation.js';
import { endUserLoginSchema } from './end-user-auth.schemas.js';
import { EndUserLoginService } from './end-user-login.service.js';
import type { EndUserSession } from './end-user-auth.schemas.js';

/**
 * Passport strategy "end-user-password": validates the body (400 naming the field), then logs the
 * end user in; its problems (401, 429) pass through unchanged. The session becomes request.user.
 */
@Injectable()
export class EndUserPasswordStrategy extends PassportStrategy(Strategy, 'end-user-password') {
  constructor(private readonly login: EndUserLoginService) {
    super();
  }

  async validate(request: FastifyRequest): Promise<EndUserSession> {
    const result = await endUserLoginSchema['~standard'].validate(request.body ?? {});
    if (result.issues) throw validationProblem(result.issues);
    return this.login.login(result.value.username, result.value.password, request.ip);
  }
}
