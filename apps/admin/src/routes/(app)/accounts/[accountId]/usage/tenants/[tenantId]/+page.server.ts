import { error } from '@sveltejs/kit';
import { orError } from '$lib/server/pages';
import { findTenantUsage, getTenantUsageHistory } from '$lib/server/services/tenant-usage';
import { limitedDimensions, parseUsageRange, USAGE_RANGES } from '$lib/server/services/usage';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
  const { can, account } = await parent();
  if (!can.readUsage) error(403, 'Your role does not include usage. Owners, admins and billing operators can see it.');

  const range = parseUsageRange(url.searchParams.get('range'));
  const [tenant, history] = await orError(
    Promise.all([
      findTenantUsage(locals.api, params.accountId, params.tenantId),
      getTenantUsageHistory(locals.api, params.tenantId, range),
    ]),
  );
  // The history route would answer for a tenant of another account the platform admin can see: not here.
  if (tenant === null) error(404, 'This account has no such client tenant.');

  return {
    tenant,
    history,
    // The lines the account's usage chart draws: the dimensions its subscription limits.
    series: limitedDimensions(account.subscription.model),
    ranges: Object.entries(USAGE_RANGES).map(([value, { label }]) => ({ value, label })),
  };
};
