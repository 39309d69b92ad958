import { Injectable } from '@nestjs/common';
import { mapPage } from '@roster/db';
import { change } from '@roster/domain';
import { newSecret, SCIM_TOKEN_PREFIX, sha256 } from '../auth/secrets.js';
import { Work } from '../changes/work.js';
import { conflict } from '../common/problems.js';
import { RequestContext } from '../common/request-context.js';
import type { PageQuery } from '../common/schemas.js';
import { ScimRequestLog } from './scim-request-log.js';
import { type CreateScimTokenInput, toScimTokenResponse } from './scim-token.schemas.js';

/**
 * SCIM tokens (issue 17): API keys limited to one tenant and to SCIM. Stored like API keys (only a hash), but
 * recorded as scim-token events, so the audit trail tells them from API keys; a deleted token drops from every
 * replica's cache at once exactly like a deleted key (same invalidations).
 */
@Injectable()
export class ScimTokensService {
  constructor(
    private readonly work: Work,
    private readonly requests: ScimRequestLog,
  ) {}

  async create(input: CreateScimTokenInput) {
    const { accountId, tenantId } = RequestContext.tenant;
    const token = newSecret(SCIM_TOKEN_PREFIX);
    return this.work.account(accountId).run(async (data) => {
      if (await data.apiKeys.scimTokenNameTaken(accountId, tenantId, input.name)) {
        const message = 'This tenant has a SCIM token with this name already (ignoring case).';
        throw conflict(message, [{ field: 'name', message }]);
      }
      const key = await data.apiKeys.insert({
        accountId,
        name: input.name,
        role: 'tenant-admin',
        tenantIds: [tenantId],
        keyHash: sha256(token),
        keyPrefix: token.slice(0, SCIM_TOKEN_PREFIX.length + 6),
        purpose: 'scim',
      });
      const after = toScimTokenResponse(key);
      data.record(change('scim-token.created', key.id, null, after));
      return { ...after, token };
    });
  }

  async list(page: PageQuery) {
    const { accountId, tenantId } = RequestContext.tenant;
    const result = await this.work.account(accountId).read((data) => data.apiKeys.scimTokensOf(tenantId, page));
    return mapPage(result, toScimTokenResponse);
  }

  /** The tenant's latest SCIM requests, each with its token's name (one lookup for the whole list). */
  async latestRequests() {
    const { accountId, tenantId } = RequestContext.tenant;
    const entries = await this.requests.latest(tenantId);
    const tokenIds = [...new Set(entries.map((entry) => entry.tokenId))];
    const names = await this.work.account(accountId).read((data) => data.apiKeys.scimTokenNames(tenantId, tokenIds));
    return { items: entries.map((entry) => ({ ...entry, tokenName: names.get(entry.tokenId) ?? null })) };
  }

  async remove(id: string): Promise<void> {
    await this.work.account().run(async (data) => {
      const key = await data.apiKeys.delete(id, 'scim');
      data.record(change('scim-token.deleted', id, toScimTokenResponse(key), null));
    });
  }
}
