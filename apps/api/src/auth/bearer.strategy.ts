import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Actor } from '@roster/domain';
import { Strategy } from 'passport-http-bearer';
import { TokenService } from './token.service.js';

/** Authenticates `Authorization: Bearer <operator session token | API key>`. */
@Injectable()
export class BearerStrategy extends PassportStrategy(Strategy, 'bearer') {
  constructor(private readonly tokens: TokenService) {
    super();
  }

  async validate(token: string): Promise<Actor | false> {
    return (await this.tokens.actorFor(token)) ?? false;
  }
}
