import type { EntityManager } from 'typeorm';

/**
 * Holds a lock named by `key` until the transaction ends: the way a uniqueness rule without a unique index
 * (names that rows from before the rule may share) stays race-free. Two requests checking one name take
 * turns; the check must be a statement after this one, since a statement's snapshot is taken before it
 * waits for the lock.
 */
export async function holdTransactionLock(manager: EntityManager, key: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
}
