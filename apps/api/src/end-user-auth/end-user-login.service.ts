import { Injectable } from '@nestjs/common';
import { type EndUser, type LoginResult, newId } from '@roster/db';
import { collectEffectiveRoles, normalizeUsername } from '@roster/domain';
import { dummyPasswordHash, hashIsOutdated, hashPassword, verifyPassword } from '../auth/secrets.js';
import { Clock } from '../common/clock.js';
import { Problem, TITLES } from '../common/problems.js';
import { type TenantData, TenantDataSource } from '../common/tenant-data.js';
import { LoginLimiter, tooManyAttempts } from '../login-protection/login-limiter.js';
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
      await this.record(data, username, ip, reservation.reason, await findUser());
      throw tooManyAttempts(reservation.retryAfterSeconds);
    }
    // An attempt that broke on the way counts as a failed one, like one that was answered.
    const { user, result } = await this.limiter.failedIfThrows(reservation.ticket, async () => {
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
      return { user, result };
    });
    const now = this.clock.now();
    this.metrics.countLogin('end-user', result);
    if (result !== 'logged-in' || !user) {
      await Promise.all([
        this.limiter.failed(reservation.ticket),
        this.record(data, username, ip, result, user ?? null, now),
      ]);
      throw invalidCredentials();
    }

    await this.limiter.succeeded(reservation.ticket);
    // A hash made with older argon2 parameters is replaced while the password is at hand.
    const upgraded = user.passwordHash && hashIsOutdated(user.passwordHash) ? await hashPassword(password) : null;
    // The attempt and the user's last login in one statement: one round trip, one commit.
    await data.manager.query(
      `WITH attempt AS (${RECORD_ATTEMPT})
       UPDATE end_users SET last_login_at = $7, password_hash = coalesce($8, password_hash)
        WHERE tenant_id = $2 AND id = $3`,
      [...attemptValues(data, username, ip, result, user, now), upgraded],
    );
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
  }

  private async record(
    data: TenantData,
    username: string,
    ip: string,
    result: LoginResult,
    user: EndUser | null,
    at = this.clock.now(),
  ): Promise<void> {
    await data.manager.query(RECORD_ATTEMPT, attemptValues(data, username, ip, result, user, at));
  }
}

/** One login attempt, with its real outcome; parameters $1–$7 as attemptValues orders them. */
const RECORD_ATTEMPT = `
  INSERT INTO login_attempts (id, tenant_id, user_id, username, result, ip, at)
  VALUES ($1, $2, $3, $4, $5, $6, $7)`;

function attemptValues(
  data: TenantData,
  username: string,
  ip: string,
  result: LoginResult,
  user: EndUser | null,
  at: Date,
): unknown[] {
  // The ip column holds at most an IPv6 text form; behind TRUST_PROXY the forwarded value may be anything.
  return [newId(), data.tenantId, user?.id ?? null, username, result, ip.slice(0, 45), at];
}
