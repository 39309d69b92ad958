import type { EntityManager } from 'typeorm';
import { holdTransactionLock } from './locks.js';

/** Whether an account other than `accountId` has this name, ignoring case; checked under the name's lock. */
export async function accountNameTakenByAnother(
  manager: EntityManager,
  name: string,
  accountId: string | null,
): Promise<boolean> {
  await holdTransactionLock(manager, `accounts.name:${name.toLowerCase()}`);
  const clashes: unknown[] = await manager.query(
    'SELECT 1 FROM accounts WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2 LIMIT 1',
    [name, accountId],
  );
  return clashes.length > 0;
}
