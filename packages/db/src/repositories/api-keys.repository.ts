import type { EntityManager } from 'typeorm';
import { ApiKey } from '../entities/api-key.entity.js';
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

  insert(
    key: Pick<ApiKey, 'accountId' | 'name' | 'role' | 'tenantIds' | 'keyHash' | 'keyPrefix'> &
      Partial<Pick<ApiKey, 'purpose'>>,
  ): Promise<ApiKey> {
    return insertApiKey(this.manager, key);
  }

  list(accountId: string, page: PageQuery): Promise<Page<ApiKey>> {
    return paginate(apiKeysOfAccount(this.manager, accountId), page, BY_NAME);
  }

  /** A tenant's SCIM tokens (API keys of purpose 'scim'), for a page. */
  scimTokensOf(tenantId: string, page: PageQuery): Promise<Page<ApiKey>> {
    const query = this.manager
      .getRepository(ApiKey)
      .createQueryBuilder('k')
      .where("k.purpose = 'scim' AND k.tenant_ids[1] = :tenantId", { tenantId });
    return paginate(query, page, BY_NAME);
  }

  /** Whether the tenant has a SCIM token of this name, ignoring case (under the account's key-name lock). */
  async scimTokenNameTaken(accountId: string, tenantId: string, name: string): Promise<boolean> {
    await lockAccountApiKeyNames(this.manager, accountId);
    return this.manager
      .getRepository(ApiKey)
      .createQueryBuilder('k')
      .where("k.purpose = 'scim' AND k.tenant_ids[1] = :tenantId AND lower(k.name) = lower(:name)", { tenantId, name })
      .getExists();
  }

  /** Deletes the SCIM tokens of a tenant (it is being deleted) and answers what they were. */
  async deleteScimTokensOf(tenantId: string): Promise<ApiKey[]> {
    const keys = await this.manager
      .getRepository(ApiKey)
      .createQueryBuilder('k')
      .where("k.purpose = 'scim' AND k.tenant_ids[1] = :tenantId", { tenantId })
      .getMany();
    if (keys.length > 0) await this.manager.getRepository(ApiKey).delete(keys.map((key) => key.id));
    return keys;
  }

  /** The names of those of these SCIM tokens that the tenant still has (revoked ones are absent). */
  async scimTokenNames(tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const keys = await this.manager
      .getRepository(ApiKey)
      .createQueryBuilder('k')
      .select(['k.id', 'k.name'])
      .where("k.id = ANY(:ids) AND k.purpose = 'scim' AND k.tenant_ids[1] = :tenantId", { ids: [...ids], tenantId })
      .getMany();
    return new Map(keys.map((key) => [key.id, key.name]));
  }

  /** Deletes the key (of this purpose) and answers what it was, or RecordNotFound. */
  async delete(id: string, purpose: ApiKey['purpose'] = 'api'): Promise<ApiKey> {
    return found(await deleteApiKey(this.manager, id, purpose), purpose === 'scim' ? 'SCIM token' : 'API key', id);
  }
}
