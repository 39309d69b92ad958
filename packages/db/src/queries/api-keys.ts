import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { ApiKey } from '../entities/api-key.entity.js';
import { holdTransactionLock } from './locks.js';

/**
 * Holds the account's API-key lock until the transaction ends, so two requests creating the same name at
 * once cannot both pass the check. A lock rather than a unique index: keys created before names had to be
 * unique may share a name, and they keep working.
 */
export async function lockAccountApiKeyNames(manager: EntityManager, accountId: string): Promise<void> {
  await holdTransactionLock(manager, `api_keys.name:${accountId}`);
}

/** Whether the account has a key with this name, ignoring case. */
export async function apiKeyNameTaken(manager: EntityManager, accountId: string, name: string): Promise<boolean> {
  return manager
    .getRepository(ApiKey)
    .createQueryBuilder('k')
    .where('k.account_id = :accountId', { accountId })
    .andWhere('lower(k.name) = lower(:name)', { name })
    .getExists();
}

/** Stores a new API key (only its hash and a prefix to recognise it by). */
export function insertApiKey(
  manager: EntityManager,
  key: Pick<ApiKey, 'accountId' | 'name' | 'role' | 'tenantIds' | 'keyHash' | 'keyPrefix'> &
    Partial<Pick<ApiKey, 'purpose'>>,
): Promise<ApiKey> {
  const repository = manager.getRepository(ApiKey);
  return repository.save(repository.create({ ...key, lastUsedAt: null }));
}

/** The account's keys, for a page (the caller orders and pages). */
export function apiKeysOfAccount(manager: EntityManager, accountId: string): SelectQueryBuilder<ApiKey> {
  return manager
    .getRepository(ApiKey)
    .createQueryBuilder('k')
    .where('k.account_id = :accountId', { accountId })
    .andWhere("k.purpose = 'api'");
}

/** Deletes the key and answers what it was, or null when there is none (locked until the transaction ends). */
export async function deleteApiKey(
  manager: EntityManager,
  id: string,
  purpose: ApiKey['purpose'] = 'api',
): Promise<ApiKey | null> {
  const repository = manager.getRepository(ApiKey);
  const apiKey = await repository.findOne({ where: { id, purpose }, lock: { mode: 'pessimistic_write' } });
  if (apiKey) await repository.delete({ id });
  return apiKey;
}
