import { Injectable } from '@nestjs/common';
import {
  type LoginAttemptRecord,
  type LoginResult,
  type ScopedWork,
  type TenantTransaction,
  UnitOfWork,
} from '@roster/db';
import {
  change,
  type ChangeActor,
  collectEffectiveRoles,
  effectiveRolesUntil,
  normalizeUsername,
} from '@roster/domain';
import type { BlockScope } from '../metrics/api-metrics.js';
import { dummyPasswordHash, hashIsOutdated, hashPassword, verifyPassword } from '../auth/secrets.js';
import { Clock } from '../common/clock.js';
import { Problem, TITLES } from '../common/problems.js';
import { RequestContext } from '../common/request-context.js';
import { LoginLimiter, loginUnavailable, tooManyAttempts } from '../login-protection/login-limiter.js';
import { ApiMetrics } from '../metrics/api-metrics.js';
import { RoleGrantsService } from '../role-grants/role-grants.service.js';
import { toUserResponse } from '../users/user.schemas.js';
import { AccessTokens } from './access-tokens.js';
import type { EndUserSession } from './end-user-auth.schemas.js';

/** One answer for unknown user, wrong password, inactive or anonymous user: which one it was is logged only. */
export const invalidCredentials = () =>
  new Problem(401, TITLES[401]!, 'The username or password is incorrect, or the user may not log in.');

/**
 * A login acts before anyone is authenticated, and records no change (a last login is not an audit event):
 * the unit of work needs an actor all the same.
 */
const LOGIN_ACTOR: ChangeActor = { kind: 'system', id: null };

/**
 * End-user password login for the request's tenant (API.md §6). The password is verified outside any
 * transaction (argon2 takes tens of milliseconds, which no pooled connection should wait out): one read
 * transaction finds the user, one write transaction records the attempt (and, on success, the last login).
 */
@Injectable()
export class EndUserLoginService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly limiter: LoginLimiter,
    private readonly grants: RoleGrantsService,
    private readonly tokens: AccessTokens,
    private readonly clock: Clock,
    private readonly metrics: ApiMetrics,
  ) {}

  async login(username: string, password: string, ip: string): Promise<EndUserSession> {
    // The route names the tenant; the scope resolver checked it before the strategy runs.
    const scope = RequestContext.tenant;
    const work = this.unitOfWork.forTenant(scope, LOGIN_ACTOR);
    const reservation = await this.limiter.reserve({ tenantId: scope.tenantId }, username, ip);
    const usernameKey = normalizeUsername(username);
    if (!reservation.allowed) {
      this.metrics.countLogin('end-user', reservation.reason);
      // No password to verify: the user is looked up and the refusal logged in one transaction.
      const at = this.clock.now();
      await this.withoutFaults(() =>
        work.run(async (data) => {
          const user = await data.users.findForLogin(usernameKey);
          await data.loginAttempts.record(this.attempt(username, ip, reservation.reason, user?.id ?? null, at));
        }),
      );
      throw tooManyAttempts(reservation.retryAfterSeconds);
    }
    // A fault of the server (database, counters) on the way is no verdict on the credentials: 503, not counted.
    return this.limiter.decide(reservation.ticket, async () => {
      const user = await work.read((data) => data.users.findForLogin(usernameKey));
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
        // Counted first: a failure that begins a block of the username is recorded with it (user.blocked).
        const blocks = await this.limiter.failed(reservation.ticket);
        await this.record(work, this.attempt(username, ip, result, user?.id ?? null, now), blocks);
        throw invalidCredentials();
      }

      // A hash made with older argon2 parameters is replaced while the password is at hand.
      const upgraded = user.passwordHash && hashIsOutdated(user.passwordHash) ? await hashPassword(password) : null;
      const { state, licenseClass } = await work.run(async (data) => {
        await data.loginAttempts.recordSuccess(
          { ...this.attempt(username, ip, result, user.id, now), userId: user.id },
          upgraded,
        );
        return {
          state: await this.grants.roleState(data, user.id),
          licenseClass: await data.users.licenseClassOf(user.id),
        };
      });
      await this.limiter.succeeded(reservation.ticket);
      // roleState left out the grants expired by now; the token ends when the first of its roles would.
      const effective = collectEffectiveRoles(true, state.grants).items;
      const roles = effective.map((role) => role.key);
      const { accessToken, expiresAt } = await this.tokens.issue({
        userId: user.id,
        scope,
        roles,
        notAfter: effectiveRolesUntil(effective),
      });
      return {
        accessToken,
        expiresAt: expiresAt.toISOString(),
        user: toUserResponse({ ...user, lastLoginAt: now }, licenseClass),
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

  /** Logs a failed attempt; a block of a known user's username it began becomes a user.blocked change. */
  private async record(
    work: ScopedWork<TenantTransaction>,
    attempt: LoginAttemptRecord,
    blocks: readonly BlockScope[],
  ): Promise<void> {
    const usernameBlocks = blocks.filter((scope) => scope !== 'ip');
    await work.run(async (data) => {
      await data.loginAttempts.record(attempt);
      if (attempt.userId && usernameBlocks.length > 0) {
        data.record(
          change('user.blocked', attempt.userId, null, { scopes: usernameBlocks, at: attempt.at.toISOString() }),
        );
      }
    });
  }

  /** The typed username is kept only as its keyed hash (the same as the counters'): never the text. */
  private attempt(
    username: string,
    ip: string,
    result: LoginResult,
    userId: string | null,
    at: Date,
  ): LoginAttemptRecord {
    return {
      userId,
      usernameHash: this.limiter.usernameHash(username),
      result,
      ip,
      at,
    };
  }
}
