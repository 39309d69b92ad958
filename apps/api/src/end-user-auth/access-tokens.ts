import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { Clock } from '../common/clock.js';
import { CONFIG, type Config } from '../config/config.js';
import { SigningKeys } from './signing-keys.service.js';

export interface AccessTokenClaims {
  userId: string;
  tenantId: string;
  /** Effective role keys at login. */
  roles: string[];
}

/** Signed JWTs an application verifies offline with the tenant's JWKS (API.md §6). */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly keys: SigningKeys,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async issue(claims: AccessTokenClaims): Promise<{ accessToken: string; expiresAt: Date }> {
    const key = await this.keys.active();
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = issuedAt + Math.floor(this.config.accessTokenTtlMs / 1000);
    const accessToken = await new SignJWT({ tid: claims.tenantId, roles: claims.roles })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(this.config.tokenIssuer)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(key.privateKey);
    return { accessToken, expiresAt: new Date(expiresAt * 1000) };
  }
}
