import { asciiLower } from '@roster/domain';
import type { EntityManager } from 'typeorm';
import { EMAIL_KEY_SQL, emailKeySql } from '../username-columns.js';
import { holdTransactionLock } from './locks.js';

/**
 * Whether another user of the tenant has this e-mail address, ignoring case (API.md §5). Takes a transaction
 * lock on the tenant and address first, so that two requests giving one address to two users cannot both
 * find it free: the second waits for the first to commit, then finds its row. Two statements, because a
 * statement's snapshot is taken before it waits for the lock. Duplicates from before the rule break nothing
 * (there is no unique index); only a new one is refused.
 */
export async function emailTakenInTenant(
  manager: EntityManager,
  tenantId: string,
  email: string,
  exceptUserId: string,
): Promise<boolean> {
  await holdTransactionLock(manager, `end_users.email:${tenantId}:${asciiLower(email)}`);
  const taken: unknown[] = await manager.query(
    `SELECT 1 FROM end_users
      WHERE tenant_id = $1 AND ${EMAIL_KEY_SQL} = ${emailKeySql('$2')} AND email IS NOT NULL AND id <> $3 LIMIT 1`,
    [tenantId, email, exceptUserId],
  );
  return taken.length > 0;
}
