import { orError } from '$lib/server/pages';
import { getAccount } from '$lib/server/services/accounts';
import { getEnvironment } from '$lib/server/services/environments';
import { getTenant } from '$lib/server/services/tenants';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, params }) => {
  const tenant = await orError(getTenant(locals.api, params.tenantId));
  const [environment, account] = await Promise.all([
    orError(getEnvironment(locals.api, tenant.environmentId)),
    orError(getAccount(locals.api, tenant.accountId)),
  ]);
  return { tenant, environment, account };
};
