import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type TenantScope, UnitOfWork } from '@roster/db';
import type { ChangeActor } from '@roster/domain';
import { SignJWT } from 'jose';
import { Caches } from '../cache/caches.js';
import { Clock } from '../common/clock.js';
import { CONFIG, type Config } from '../config/config.js';
import { SigningKeys } from './signing-keys.service.js';

export interface AccessTokenClaims {
  userId: string;
  /** The user's tenant, with its environment (whose applications are the token's audience) and account. */
  scope: TenantScope;
  /** Effective role keys at login. */
  roles: string[];
  /**
   * When the first of those roles ends (an expiring grant, issue 18), or null: the token expires then at the
   * latest, so it never claims a role its user no longer holds.
   */
  notAfter?: Date | null;
}

/** Issuing a token records no change; the unit of work that reads the audience needs an actor all the same. */
const ISSUER: ChangeActor = { kind: 'system', id: null };

/**
 * Signed JWTs an application verifies offline with the tenant's JWKS (API.md §6), checking `iss` (TOKEN_ISSUER)
 * and that `aud` names it: `aud` lists the keys of the applications declared in the tenant's environment, and is
 * empty while there are none (a token then is for no application, and every audience check rejects it).
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly keys: SigningKeys,
    private readonly unitOfWork: UnitOfWork,
    private readonly caches: Caches,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async issue(claims: AccessTokenClaims): Promise<{ accessToken: string; expiresAt: Date }> {
    const { scope } = claims;
    const [key, audience] = await Promise.all([this.keys.active(scope), this.audience(scope)]);
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const lifetimeEnd = issuedAt + Math.floor(this.config.accessTokenTtlMs / 1000);
    // `exp` is in whole seconds: rounded down, the token ends at or before the role does.
    const rolesEnd = claims.notAfter ? Math.max(issuedAt, Math.floor(claims.notAfter.getTime() / 1000)) : Infinity;
    const expiresAt = Math.min(lifetimeEnd, rolesEnd);
    const accessToken = await new SignJWT({ tid: scope.tenantId, roles: claims.roles })
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
  private async audience(scope: TenantScope): Promise<readonly string[]> {
    return this.caches.audiences.fill(scope.environmentId, () =>
      this.unitOfWork.forTenant(scope, ISSUER).read((data) => data.roles.applicationKeys()),
    );
  }
}
