import { error } from '@sveltejs/kit';
import { failure, orError } from '$lib/server/pages';
import {
  describeAggregation,
  describeDimension,
  getUsageHistory,
  getUsageOverview,
  limitedDimensions,
  limitsFitChart,
  otherDimensions,
  parseUsageRange,
  requestRecount,
  USAGE_RANGES,
  usageDimension,
} from '$lib/server/services/usage';
import { listTenantUsage, readTenantUsageState, TENANT_USAGE_PAGE_SIZE } from '$lib/server/services/tenant-usage';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
  const { can } = await parent();
  if (!can.readUsage) error(403, 'Your role does not include usage. Owners, admins and billing operators can see it.');

  const range = parseUsageRange(url.searchParams.get('range'));
  const tenantState = readTenantUsageState(url.searchParams);
  const [overview, history, tenants] = await orError(
    Promise.all([
      getUsageOverview(locals.api, params.accountId),
      getUsageHistory(locals.api, params.accountId, range),
      listTenantUsage(locals.api, params.accountId, tenantState),
    ]),
  );
  const { usage } = overview;
  const limited = limitedDimensions(usage.model);

  return {
    usage,
    production: overview.production,
    nonProduction: overview.nonProduction,
    dimensions: limited.map((key) => usageDimension(usage, key)),
    others: otherDimensions(usage.model).map((key) => ({ key, ...describeDimension(key), count: usage[key] })),
    aggregation: describeAggregation(usage.aggregation),
    history,
    chart: { series: limited, limitsShownByDefault: limitsFitChart(history.points, limited, usage.limits) },
    ranges: Object.entries(USAGE_RANGES).map(([value, { label }]) => ({ value, label })),
    tenants: { ...tenants, sort: tenantState.sort, kind: tenantState.kind, pageSize: TENANT_USAGE_PAGE_SIZE },
  };
};

export const actions: Actions = {
  recount: async ({ locals, params }) => {
    try {
      return { form: 'recount', jobId: await requestRecount(locals.api, params.accountId) };
    } catch (cause) {
      return failure(cause, 'recount');
    }
  },
};
