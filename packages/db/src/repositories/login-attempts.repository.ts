import type { EntityManager } from 'typeorm';
import { newId } from '../entities/base.js';
import { LoginAttempt, type LoginResult } from '../entities/login-attempt.entity.js';
import { type Page, type PageQuery, paginate } from '../keyset.js';
import { TenantScopedRepository } from '../tenant-scoped.js';

/** One login attempt, with its real outcome. The typed username only as its keyed hash (hex), never the text. */
export interface LoginAttemptRecord {
  userId: string | null;
  usernameHash: string;
  result: LoginResult;
  ip: string;
  at: Date;
}

const INSERT_ATTEMPT = `
  INSERT INTO login_attempts (id, tenant_id, user_id, username_hash, result, ip, at)
  VALUES ($1, $2, $3, decode($4, 'hex'), $5, $6, $7)`;

/** The login attempts of one tenant: the log each login writes, and what operators read of it. */
export class LoginAttemptsRepository extends TenantScopedRepository<LoginAttempt> {
  constructor(manager: EntityManager, tenantId: string) {
    super(manager, LoginAttempt, tenantId, 'Login attempt');
  }

  async record(attempt: LoginAttemptRecord): Promise<void> {
    await this.manager.query(INSERT_ATTEMPT, this.values(attempt));
  }

  /**
   * A successful login: its attempt, the user's last login, and a rehashed password when one is given — in one
   * statement: one round trip.
   */
  async recordSuccess(attempt: LoginAttemptRecord & { userId: string }, upgradedPasswordHash: string | null) {
    await this.manager.query(
      `WITH attempt AS (${INSERT_ATTEMPT})
       UPDATE end_users SET last_login_at = $7, password_hash = coalesce($8, password_hash)
        WHERE tenant_id = $2 AND id = $3`,
      [...this.values(attempt), upgradedPasswordHash],
    );
  }

  /** A user's attempts, newest first (ids are UUIDv7). */
  pageOfUser(userId: string, page: PageQuery): Promise<Page<LoginAttempt>> {
    const query = this.query('a').andWhere('a.user_id = :userId', { userId });
    return paginate(query, page, { expression: 'a.id', idColumn: 'a.id', descending: true });
  }

  /**
   * The users that attempts with these username hashes (hex) belonged to, per hash: the newest attempt on a
   * known user decides (login_attempts_username_hash_idx). Hashes no known user was tried under are absent.
   */
  async usersByUsernameHash(
    hashes: readonly string[],
  ): Promise<Map<string, { userId: string; username: string | null }>> {
    if (hashes.length === 0) return new Map();
    const rows: { hash: string; userId: string; username: string | null }[] = await this.manager.query(
      `SELECT DISTINCT ON (a.username_hash) encode(a.username_hash, 'hex') AS hash, a.user_id AS "userId",
              u.username
         FROM login_attempts a
         JOIN end_users u ON u.tenant_id = a.tenant_id AND u.id = a.user_id
        WHERE a.tenant_id = $1 AND a.user_id IS NOT NULL
          AND a.username_hash = ANY (SELECT decode(h, 'hex') FROM unnest($2::text[]) AS h)
        ORDER BY a.username_hash, a.id DESC`,
      [this.tenantId, hashes],
    );
    return new Map(rows.map((row) => [row.hash, { userId: row.userId, username: row.username }]));
  }

  private values(attempt: LoginAttemptRecord): unknown[] {
    // The ip column holds at most an IPv6 text form; behind TRUST_PROXY the forwarded value may be anything.
    const { userId, usernameHash, result, ip, at } = attempt;
    return [newId(), this.tenantId, userId, usernameHash, result, ip.slice(0, 45), at];
  }
}
