import { error } from '@sveltejs/kit';
import { orError } from '$lib/server/pages';
import { listTenantChoices } from '$lib/server/services/tenants';
import { listWebhooks } from '$lib/server/services/webhooks';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
  const { can } = await parent();
  if (!can.manageWebhooks) error(403, 'Only owners and admins of the account manage its webhooks.');
  const [webhooks, tenantGroups] = await orError(
    Promise.all([listWebhooks(locals.api, params.accountId), listTenantChoices(locals.api, params.accountId)]),
  );
  return { webhooks, tenantGroups };
};
