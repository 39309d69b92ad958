import { Injectable } from '@nestjs/common';
import { Caches } from '../cache/caches.js';
import { RequestContext } from '../common/request-context.js';
import type { ScimListRequest } from './scim-list.js';

/**
 * A SCIM list's totalResults. RFC 7644 makes every page by startIndex (and every filtered one) carry it; at a
 * million users a count costs more than the page. So it is counted only when the page cannot tell it, and then once
 * per filter until the tenant changes: an identity provider paging through an import asks for the same count with
 * every page. Any write to the tenant's users, groups or grants (from any replica, announced before its answer)
 * makes the cached counts unreachable.
 */
@Injectable()
export class ScimTotals {
  constructor(private readonly caches: Caches) {}

  /** The total for a page of `rows` rows (as read, with cursor paging's extra one), or undefined when none is due. */
  async forPage(
    resource: 'Users' | 'Groups',
    request: ScimListRequest,
    rows: number,
    count: () => Promise<number>,
  ): Promise<number | undefined> {
    // Cursor paging without a filter leaves the total out (RFC 9865), which spares a count of every user.
    if (request.cursorPaging && request.filter === null) return undefined;
    return totalShownByPage(request, rows) ?? this.counted(resource, request.filter, count);
  }

  private counted(resource: 'Users' | 'Groups', filter: unknown, count: () => Promise<number>): Promise<number> {
    const what = `scim-total:${resource}:${JSON.stringify(filter)}`;
    return this.caches.listTotals.fill(this.caches.tenantKey(RequestContext.tenant.tenantId, what), count);
  }
}

/**
 * The total a page tells by itself: one that is not full is the last, so the matches are the rows before it and
 * its own. Entra ID's and Okta's lookups (`userName eq "…"`, `displayName eq "…"`) then cost no second statement.
 * Unknown for a full page, an empty page past the first, and a page after a cursor (what came before is uncounted).
 */
export function totalShownByPage(request: ScimListRequest, rows: number): number | undefined {
  if (request.cursorPaging) {
    const first = 'afterId' in request.paging && request.paging.afterId === null;
    return first && rows <= request.count ? rows : undefined;
  }
  if (rows >= request.count) return undefined;
  return rows > 0 || request.startIndex === 1 ? request.startIndex - 1 + rows : undefined;
}
