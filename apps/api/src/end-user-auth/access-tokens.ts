import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Application } from '@roster/db';
import { SignJWT } from 'jose';
import { DataSource } from 'typeorm';
import { Caches } from '../cache/caches.js';
import { Clock } from '../common/clock.js';
import { CONFIG, type Config } from '../config/config.js';
import { SigningKeys } from './signing-keys.service.js';

export interface AccessTokenClaims {
  userId: string;
  tenantId: string;
  /** The tenant's environment, whose applications are the token's audience. */
  environmentId: string;
  /** Effective role keys at login. */
  roles: string[];
}

/**
 * Signed JWTs an application verifies offline with the tenant's JWKS (API.md §6), checking `iss` (TOKEN_ISSUER)
 * and that `aud` names it: `aud` lists the keys of the applications declared in the tenant's environment, and is
 * empty while there are none (a token then is for no application, and every audience check rejects it).
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly keys: SigningKeys,
    private readonly dataSource: DataSource,
    private readonly caches: Caches,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async issue(claims: AccessTokenClaims): Promise<{ accessToken: string; expiresAt: Date }> {
    const [key, audience] = await Promise.all([this.keys.active(claims.tenantId), this.audience(claims.environmentId)]);
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = issuedAt + Math.floor(this.config.accessTokenTtlMs / 1000);
    const accessToken = await new SignJWT({ tid: claims.tenantId, roles: claims.roles })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(this.config.tokenIssuer)
      .setAudience([...audience])
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(key.privateKey);
    return { accessToken, expiresAt: new Date(expiresAt * 1000) };
  }

  /** The environment's application keys, cached until an application is declared there. */
  private async audience(environmentId: string): Promise<readonly string[]> {
    return this.caches.audiences.fill(environmentId, async () => {
      const applications = await this.dataSource.getRepository(Application).find({
        select: { key: true },
        where: { environmentId },
        order: { key: 'ASC' },
      });
      return applications.map((application) => application.key);
    });
  }
}
