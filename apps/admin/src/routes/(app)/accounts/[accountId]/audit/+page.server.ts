import { error } from '@sveltejs/kit';
import { orError } from '$lib/server/pages';
import { listAccountAuditEvents, readAuditFilters } from '$lib/server/services/audit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
  const { can } = await parent();
  if (!can.readAccountAudit) error(403, 'Only owners and admins of the account read its audit log.');
  const { filters, query, problems } = readAuditFilters(url.searchParams);
  const events = await orError(listAccountAuditEvents(locals.api, params.accountId, query));
  return { events, filters, problems };
};
