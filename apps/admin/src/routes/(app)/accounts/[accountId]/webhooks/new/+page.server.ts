import { error } from '@sveltejs/kit';
import { failure, invalid, orError, success } from '$lib/server/pages';
import { listTenantChoices } from '$lib/server/services/tenants';
import { createWebhook, readWebhook, webhookFormValues } from '$lib/server/services/webhooks';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
  const { can } = await parent();
  if (!can.manageWebhooks) error(403, 'Only owners and admins of the account manage its webhooks.');
  return { tenantGroups: await orError(listTenantChoices(locals.api, params.accountId)) };
};

export const actions: Actions = {
  create: async ({ locals, params, request }) => {
    const form = await request.formData();
    const values = webhookFormValues(form);
    const read = readWebhook(form);
    if (!read.ok) return invalid('create-webhook', read.fieldErrors, values);
    try {
      const created = await createWebhook(locals.api, params.accountId, read.value);
      // The secret goes to this one answer only: the console never stores it, and it is not shown again.
      return { ...success('create-webhook', 'Webhook endpoint created. Store its signing secret now.'), created };
    } catch (cause) {
      return failure(cause, 'create-webhook', values);
    }
  },
};
