import { Injectable } from '@nestjs/common';
import { apiKeyNameTaken, apiKeysOfAccount, deleteApiKey, insertApiKey, lockAccountApiKeyNames } from '@roster/db';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { API_KEY_PREFIX, newSecret, sha256 } from '../auth/secrets.js';
import { InvalidationBus } from '../cache/invalidation.service.js';
import { mapPage, paginate } from '@roster/db';
import { conflict, notFound } from '../common/problems.js';
import type { PageQuery } from '../common/schemas.js';
import { checkedTenantList } from '../common/tenant-list.js';
import { type CreateApiKeyInput, toApiKeyResponse } from './api-key.schemas.js';

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly bus: InvalidationBus,
  ) {}

  /**
   * The key is returned here and never again: only its SHA-256 is stored. Names are unique per account,
   * ignoring case, so an owner can tell keys apart when revoking one.
   */
  async create(accountId: string, input: CreateApiKeyInput) {
    const key = newSecret(API_KEY_PREFIX);
    return this.dataSource.transaction(async (manager) => {
      await lockAccountApiKeyNames(manager, accountId);
      if (await apiKeyNameTaken(manager, accountId, input.name)) {
        const message = 'An API key with this name already exists in this account (ignoring case).';
        throw conflict(message, [{ field: 'name', message }]);
      }
      const apiKey = await insertApiKey(manager, {
        accountId,
        name: input.name,
        role: input.role,
        tenantIds: await checkedTenantList(manager, accountId, input.role, input.tenantIds),
        keyHash: sha256(key),
        keyPrefix: key.slice(0, API_KEY_PREFIX.length + 6),
      });
      const after = toApiKeyResponse(apiKey);
      await this.audit.record(manager, {
        accountId,
        action: 'api-key.created',
        targetType: 'api-key',
        targetId: apiKey.id,
        after,
      });
      return { ...after, key };
    });
  }

  async list(accountId: string, page: PageQuery) {
    const result = await paginate(apiKeysOfAccount(this.dataSource.manager, accountId), page, {
      expression: 'lower(k.name)',
      idColumn: 'k.id',
    });
    return mapPage(result, toApiKeyResponse);
  }

  /** A deleted key stops working at once: every replica drops its cached actors. */
  async remove(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const apiKey = await deleteApiKey(manager, id);
      if (!apiKey) throw notFound('API key', id);
      await this.audit.record(manager, {
        accountId: apiKey.accountId,
        action: 'api-key.deleted',
        targetType: 'api-key',
        targetId: id,
        before: toApiKeyResponse(apiKey),
      });
    });
    await this.bus.announce({ kind: 'actors' }, { kind: 'scopes' });
  }
}
