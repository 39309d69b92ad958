import { Injectable } from '@nestjs/common';
import { mapPage } from '@roster/db';
import { change } from '@roster/domain';
import { API_KEY_PREFIX, newSecret, sha256 } from '../auth/secrets.js';
import { Work } from '../changes/work.js';
import { conflict } from '../common/problems.js';
import type { PageQuery } from '../common/schemas.js';
import { checkedTenantList } from '../common/tenant-list.js';
import { type CreateApiKeyInput, toApiKeyResponse } from './api-key.schemas.js';

@Injectable()
export class ApiKeysService {
  constructor(private readonly work: Work) {}

  /**
   * The key is returned here and never again: only its SHA-256 is stored. Names are unique per account,
   * ignoring case, so an owner can tell keys apart when revoking one.
   */
  async create(accountId: string, input: CreateApiKeyInput) {
    const key = newSecret(API_KEY_PREFIX);
    return this.work.account(accountId).run(async (data) => {
      if (await data.apiKeys.nameTaken(accountId, input.name)) {
        const message = 'An API key with this name already exists in this account (ignoring case).';
        throw conflict(message, [{ field: 'name', message }]);
      }
      const apiKey = await data.apiKeys.insert({
        accountId,
        name: input.name,
        role: input.role,
        tenantIds: await checkedTenantList(data.tenants, accountId, input.role, input.tenantIds),
        keyHash: sha256(key),
        keyPrefix: key.slice(0, API_KEY_PREFIX.length + 6),
      });
      const after = toApiKeyResponse(apiKey);
      data.record(change('api-key.created', apiKey.id, null, after));
      return { ...after, key };
    });
  }

  async list(accountId: string, page: PageQuery) {
    const result = await this.work.account(accountId).read((data) => data.apiKeys.list(accountId, page));
    return mapPage(result, toApiKeyResponse);
  }

  /** A deleted key stops working at once: every replica drops its cached actors before the answer. */
  async remove(id: string): Promise<void> {
    await this.work.account().run(async (data) => {
      const apiKey = await data.apiKeys.delete(id);
      data.record(change('api-key.deleted', id, toApiKeyResponse(apiKey), null));
    });
  }
}
