import { Inject, Injectable } from '@nestjs/common';
import { CredentialsRepository } from '@roster/db';
import type { Actor } from '@roster/domain';
import { CONFIG, type Config } from '../config/config.js';
import { forbidden, Problem } from '../common/problems.js';
import { LoginLimiter, tooManyAttempts } from '../login-protection/login-limiter.js';
import { ApiMetrics } from '../metrics/api-metrics.js';
import { toOperatorResponse } from '../operators/operator.schemas.js';
import type { MeResponse } from './auth.schemas.js';
import { dummyPasswordHash, hashIsOutdated, hashPassword, verifyPassword } from './secrets.js';
import { TokenService } from './token.service.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly tokens: TokenService,
    private readonly limiter: LoginLimiter,
    @Inject(CONFIG) private readonly config: Config,
    private readonly metrics: ApiMetrics,
  ) {}

  /**
   * One answer for every failure, and the same work for unknown usernames, so nothing is revealed;
   * the same brute-force protection as end-user logins.
   */
  async login(username: string, password: string, ip: string) {
    const reservation = await this.limiter.reserve('operators', username, ip);
    if (!reservation.allowed) {
      this.metrics.countLogin('operator', reservation.reason);
      throw tooManyAttempts(reservation.retryAfterSeconds);
    }
    // A fault of the server (database, counters) on the way is no verdict on the credentials: 503, not counted.
    return this.limiter.decide(reservation.ticket, async () => {
      const operator = await this.credentials.operatorByUsername(username);
      const valid = await verifyPassword(operator?.passwordHash ?? (await dummyPasswordHash()), password);
      if (!operator || !valid) {
        this.metrics.countLogin('operator', operator ? 'invalid-password' : 'invalid-user');
        await this.limiter.failed(reservation.ticket);
        throw new Problem(401, 'Not authenticated', 'The username or password is incorrect.');
      }
      if (hashIsOutdated(operator.passwordHash)) {
        // Made with older argon2 parameters: replaced while the password is at hand.
        await this.credentials.replaceOperatorPasswordHash(operator.id, await hashPassword(password));
      }
      const { token, expiresAt } = await this.tokens.issueSession(operator.id, this.config.sessionTtlMs);
      await this.limiter.succeeded(reservation.ticket);
      this.metrics.countLogin('operator', 'logged-in');
      return { token, expiresAt: expiresAt.toISOString(), operator: toOperatorResponse(operator) };
    });
  }

  async logout(actor: Actor, token: string): Promise<void> {
    if (actor.kind !== 'operator') {
      throw forbidden('API keys do not log out; an owner revokes them with DELETE /api/v1/api-keys/{apiKeyId}.');
    }
    await this.tokens.revokeSession(token);
  }

  async me(actor: Actor): Promise<MeResponse> {
    // The access guard refuses SCIM tokens on this API; the check narrows the type.
    if (actor.kind === 'scim-token') throw forbidden('A SCIM token works only for SCIM requests.');
    return {
      id: actor.id,
      kind: actor.kind,
      username: await this.credentials.displayName(actor.kind, actor.id),
      role: actor.role,
      accountId: actor.accountId,
      tenantIds: [...actor.tenantIds],
    };
  }
}
