import { Injectable } from '@nestjs/common';
import { stepPeaks, tenantAttribution } from '@roster/domain';
import { Work } from '../changes/work.js';
import { RequestContext } from '../common/request-context.js';
import type { TenantUsageListQuery, TenantUsageListResponse } from './tenant-usage.schemas.js';
import { historyWindow } from './usage-history.js';
import type { UsageHistoryQuery, UsageHistoryResponse } from './usage.schemas.js';

/** Usage per client tenant (issue 16), as the worker's recounts stored it; the API never counts. */
@Injectable()
export class TenantUsageService {
  constructor(private readonly work: Work) {}

  /** The account's tenants with their latest counts, and how they relate to the account's total. */
  async list(accountId: string, query: TenantUsageListQuery): Promise<TenantUsageListResponse> {
    const { limit, cursor, includeTotal, sort, tenantId, environmentId, kind } = query;
    return this.work.account(accountId).read(async (data) => {
      const { aggregation } = await data.usage.account();
      const page = await data.tenantUsage.page({ tenantId, environmentId, kind }, sort, {
        limit,
        cursor,
        includeTotal,
      });
      return { aggregation, attribution: tenantAttribution(aggregation), ...page };
    });
  }

  /**
   * The peak of each bucket of the tenant's history in which counts are known: from its first count until the
   * newest one. Counts are stored only when they change, so a bucket without a change still has the counts
   * carried in from before it.
   */
  async history(query: UsageHistoryQuery): Promise<UsageHistoryResponse> {
    const { from, to } = historyWindow(query);
    const { accountId, tenantId } = RequestContext.tenant;
    const { steps, knownUntil } = await this.work
      .account(accountId)
      .read((data) => data.tenantUsage.series(tenantId, from, to));
    const peaks = stepPeaks(steps, { from, to, knownUntil, granularity: query.granularity });
    return { items: peaks.map(({ at, ...peak }) => ({ at: at.toISOString(), ...peak })) };
  }
}
