import { Injectable } from '@nestjs/common';
import {
  type EndUser,
  type LoginAttemptRecord,
  type LoginResult,
  recordLoginAttempt,
  recordSuccessfulLogin,
} from '@roster/db';
import { collectEffectiveRoles, normalizeUsername } from '@roster/domain';
import { dummyPasswordHash, hashIsOutdated, hashPassword, verifyPassword } from '../auth/secrets.js';
import { Clock } from '../common/clock.js';
import { Problem, TITLES } from '../common/problems.js';
import { type TenantData, TenantDataSource } from '../common/tenant-data.js';
import { LoginLimiter, loginUnavailable, tooManyAttempts } from '../login-protection/login-limiter.js';
import { ApiMetrics } from '../metrics/api-metrics.js';
import { RoleGrantsService } from '../role-grants/role-grants.service.js';
import { toUserResponse } from '../users/user.schemas.js';
import { AccessTokens } from './access-tokens.js';
import type { EndUserSession } from './end-user-auth.schemas.js';

/** One answer for unknown user, wrong password, inactive or anonymous user: which one it was is logged only. */
export const invalidCredentials = () =>
  new Problem(401, TITLES[401]!, 'The username or password is incorrect, or the user may not log in.');

/** End-user password login for the request's tenant (API.md §6). */
@Injectable()
export class EndUserLoginService {
  constructor(
    private readonly tenant: TenantDataSource,
    private readonly limiter: LoginLimiter,
    private readonly grants: RoleGrantsService,
    private readonly tokens: AccessTokens,
    private readonly clock: Clock,
    private readonly metrics: ApiMetrics,
  ) {}

  async login(username: string, password: string, ip: string): Promise<EndUserSession> {
    const data = this.tenant.read();
    const reservation = await this.limiter.reserve({ tenantId: data.tenantId }, username, ip);
    const findUser = () =>
      data.users
        .query('u')
        .addSelect('u.passwordHash')
        .andWhere('u.username_key = :key', { key: normalizeUsername(username) })
        .getOne();
    if (!reservation.allowed) {
      this.metrics.countLogin('end-user', reservation.reason);
      await this.withoutFaults(async () => this.record(data, username, ip, reservation.reason, await findUser()));
      throw tooManyAttempts(reservation.retryAfterSeconds);
    }
    // A fault of the server (database, counters) on the way is no verdict on the credentials: 503, not counted.
    return this.limiter.decide(reservation.ticket, async () => {
      const user = await findUser();
      // Unknown users are verified against a dummy hash, so the time taken does not reveal which usernames exist.
      const passwordMatches = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
      const result: LoginResult = !user
        ? 'invalid-user'
        : !passwordMatches
          ? 'invalid-password'
          : !user.isActive
            ? 'inactive-user'
            : 'logged-in';
      const now = this.clock.now();
      this.metrics.countLogin('end-user', result);
      if (result !== 'logged-in' || !user) {
        await Promise.all([
          this.limiter.failed(reservation.ticket),
          this.record(data, username, ip, result, user ?? null, now),
        ]);
        throw invalidCredentials();
      }

      // A hash made with older argon2 parameters is replaced while the password is at hand.
      const upgraded = user.passwordHash && hashIsOutdated(user.passwordHash) ? await hashPassword(password) : null;
      await recordSuccessfulLogin(
        data.manager,
        { ...this.attempt(data, username, ip, result, user, now), userId: user.id },
        upgraded,
      );
      await this.limiter.succeeded(reservation.ticket);
      const roles = collectEffectiveRoles(true, (await this.grants.roleState(data, user.id)).grants).items.map(
        (role) => role.key,
      );
      const { accessToken, expiresAt } = await this.tokens.issue({
        userId: user.id,
        tenantId: data.tenantId,
        environmentId: data.environmentId,
        roles,
      });
      return {
        accessToken,
        expiresAt: expiresAt.toISOString(),
        user: toUserResponse({ ...user, lastLoginAt: now }),
        roles,
      };
    });
  }

  /** A refused attempt is still logged; if the log cannot be written, the answer is 503 rather than a 500. */
  private async withoutFaults(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof Problem) throw error;
      throw loginUnavailable('the server could not record this login attempt (the database may be unavailable)');
    }
  }

  private async record(
    data: TenantData,
    username: string,
    ip: string,
    result: LoginResult,
    user: EndUser | null,
    at = this.clock.now(),
  ): Promise<void> {
    await recordLoginAttempt(data.manager, this.attempt(data, username, ip, result, user, at));
  }

  /** The typed username is kept only as its keyed hash (the same as the counters'): never the text. */
  private attempt(
    data: TenantData,
    username: string,
    ip: string,
    result: LoginResult,
    user: EndUser | null,
    at: Date,
  ): LoginAttemptRecord {
    return {
      tenantId: data.tenantId,
      userId: user?.id ?? null,
      usernameHash: this.limiter.usernameHash(username),
      result,
      ip,
      at,
    };
  }
}
