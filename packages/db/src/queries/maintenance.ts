import type { DataSource } from 'typeorm';
import { LoginAttempt } from '../entities/login-attempt.entity.js';
import { OperatorSession } from '../entities/session.entity.js';

/**
 * Deletes expired operator sessions in one set-based statement (operator_sessions_expiry_idx); the database's
 * clock decides expiry, as it does for the API's token check, so replicas with skewed clocks agree.
 * Idempotent: a rerun finds nothing left. Returns how many went.
 */
export async function purgeExpiredSessions(dataSource: DataSource): Promise<number> {
  const result = await dataSource
    .createQueryBuilder()
    .delete()
    .from(OperatorSession)
    .where('expires_at < now()')
    .execute();
  return result.affected ?? 0;
}

/** Deletes login attempts older than `days` in one statement (login_attempts_at_idx). Idempotent. */
export async function purgeLoginAttemptsOlderThan(dataSource: DataSource, days: number): Promise<number> {
  const result = await dataSource
    .createQueryBuilder()
    .delete()
    .from(LoginAttempt)
    .where(`at < now() - make_interval(days => :days)`, { days })
    .execute();
  return result.affected ?? 0;
}
