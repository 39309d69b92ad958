import type { EntityManager } from 'typeorm';
import type { ApiKey } from '../entities/api-key.entity.js';
import { type Page, type PageQuery, paginate } from '../keyset.js';
import {
  apiKeyNameTaken,
  apiKeysOfAccount,
  deleteApiKey,
  insertApiKey,
  lockAccountApiKeyNames,
} from '../queries/api-keys.js';
import { found } from './errors.js';

const BY_NAME = { expression: 'lower(k.name)', idColumn: 'k.id' };

/** The API keys of accounts (stored as hashes). */
export class ApiKeysRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Whether the account has a key with this name, ignoring case; holds the account's key-name lock first. */
  async nameTaken(accountId: string, name: string): Promise<boolean> {
    await lockAccountApiKeyNames(this.manager, accountId);
    return apiKeyNameTaken(this.manager, accountId, name);
  }

  insert(key: Pick<ApiKey, 'accountId' | 'name' | 'role' | 'tenantIds' | 'keyHash' | 'keyPrefix'>): Promise<ApiKey> {
    return insertApiKey(this.manager, key);
  }

  list(accountId: string, page: PageQuery): Promise<Page<ApiKey>> {
    return paginate(apiKeysOfAccount(this.manager, accountId), page, BY_NAME);
  }

  /** Deletes the key and answers what it was, or RecordNotFound. */
  async delete(id: string): Promise<ApiKey> {
    return found(await deleteApiKey(this.manager, id), 'API key', id);
  }
}
