import { orError } from '$lib/server/pages';
import { listTenantAuditEvents, readAuditFilters } from '$lib/server/services/audit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
  const { filters, query, problems } = readAuditFilters(url.searchParams);
  const events = await orError(listTenantAuditEvents(locals.api, params.tenantId, query));
  return { events, filters, problems };
};
