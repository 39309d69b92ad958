import type { EntityManager } from 'typeorm';
import { ApiKey } from '../entities/api-key.entity.js';

/** Serialises API key creation per account (any constant works; this one spells "akey"). */
const API_KEY_NAME_LOCK = 0x616b6579;

/**
 * Holds the account's API-key lock until the transaction ends, so two requests creating the same name at
 * once cannot both pass the check. A lock rather than a unique index: keys created before names had to be
 * unique may share a name, and they keep working.
 */
export async function lockAccountApiKeyNames(manager: EntityManager, accountId: string): Promise<void> {
  await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [API_KEY_NAME_LOCK, accountId]);
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
