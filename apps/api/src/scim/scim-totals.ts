import { Injectable } from '@nestjs/common';
import { Caches } from '../cache/caches.js';
import { RequestContext } from '../common/request-context.js';

/**
 * A SCIM list's totalResults, counted once per filter until the tenant changes. RFC 7644 makes every page by
 * startIndex carry the count; at a million users the count costs more than the page, and an identity provider
 * paging through an import asks for the same one with each page. Any write to the tenant's users, groups or
 * grants (from any replica, announced before its answer) makes the cached counts unreachable.
 */
@Injectable()
export class ScimTotals {
  constructor(private readonly caches: Caches) {}

  of(resource: 'Users' | 'Groups', filter: unknown, count: () => Promise<number>): Promise<number> {
    const what = `scim-total:${resource}:${JSON.stringify(filter ?? null)}`;
    return this.caches.listTotals.fill(this.caches.tenantKey(RequestContext.tenant.tenantId, what), count);
  }
}
