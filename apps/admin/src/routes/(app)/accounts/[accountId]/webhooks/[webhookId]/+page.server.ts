import { error } from '@sveltejs/kit';
import { text } from '$lib/server/forms';
import { failure, invalid, orError, redirectWithNotice, success } from '$lib/server/pages';
import { listTenantChoices } from '$lib/server/services/tenants';
import {
  deleteWebhook,
  deliveryStatusOf,
  getWebhook,
  listDeliveries,
  pingWebhook,
  readWebhook,
  redeliver,
  rotateWebhookSecret,
  updateWebhook,
  webhookFormValues,
} from '$lib/server/services/webhooks';
import type { Actions, PageServerLoad } from './$types';

const DELIVERIES_PAGE_SIZE = 25;

export const load: PageServerLoad = async ({ locals, params, parent, url }) => {
  const { can } = await parent();
  if (!can.manageWebhooks) error(403, 'Only owners and admins of the account manage its webhooks.');
  const status = deliveryStatusOf(url.searchParams.get('status'));
  const cursor = url.searchParams.get('cursor');
  const [webhook, deliveries, tenantGroups] = await orError(
    Promise.all([
      getWebhook(locals.api, params.webhookId),
      listDeliveries(locals.api, params.webhookId, {
        limit: DELIVERIES_PAGE_SIZE,
        ...(status ? { status } : {}),
        ...(cursor ? { cursor } : {}),
      }),
      listTenantChoices(locals.api, params.accountId),
    ]),
  );
  // The platform admin reaches every endpoint: keep it under its own account's address.
  if (webhook.accountId !== params.accountId) error(404, 'This webhook endpoint is not in this account.');
  return { webhook, deliveries, status: status ?? null, tenantGroups, deliveriesPageSize: DELIVERIES_PAGE_SIZE };
};

export const actions: Actions = {
  update: async ({ locals, params, request }) => {
    const form = await request.formData();
    const values = webhookFormValues(form);
    const read = readWebhook(form);
    if (!read.ok) return invalid('edit-webhook', read.fieldErrors, values);
    try {
      await updateWebhook(locals.api, params.webhookId, read.value);
    } catch (cause) {
      return failure(cause, 'edit-webhook', values);
    }
    return success('edit-webhook', 'Webhook endpoint saved.');
  },

  setEnabled: async ({ locals, params, request }) => {
    const enabled = text(await request.formData(), 'enabled') === 'true';
    try {
      await updateWebhook(locals.api, params.webhookId, { enabled });
    } catch (cause) {
      return failure(cause, 'set-enabled');
    }
    return success(
      'set-enabled',
      enabled ? 'Endpoint enabled: new events are sent to it again.' : 'Endpoint disabled: it receives nothing now.',
    );
  },

  rotate: async ({ locals, params }) => {
    try {
      const secret = await rotateWebhookSecret(locals.api, params.webhookId);
      // Shown once by the page, like the first secret; the previous one keeps signing for 24 hours.
      return { ...success('rotate', 'New signing secret made. Store it now.'), secret };
    } catch (cause) {
      return failure(cause, 'rotate');
    }
  },

  ping: async ({ locals, params }) => {
    try {
      await pingWebhook(locals.api, params.webhookId);
    } catch (cause) {
      return failure(cause, 'ping');
    }
    return { ...success('ping', 'Test ping sent: it shows in the delivery log in a moment.'), pinged: Date.now() };
  },

  redeliver: async ({ locals, params, request }) => {
    const deliveryId = text(await request.formData(), 'deliveryId');
    if (!deliveryId) return invalid('redeliver', {}, {}, 'Choose the delivery to send again.');
    try {
      await redeliver(locals.api, params.webhookId, deliveryId);
    } catch (cause) {
      return failure(cause, 'redeliver');
    }
    return { ...success('redeliver', 'Event queued again: it shows in the log in a moment.'), pinged: Date.now() };
  },

  delete: async ({ locals, params }) => {
    try {
      await deleteWebhook(locals.api, params.webhookId);
    } catch (cause) {
      return failure(cause, 'delete-webhook');
    }
    redirectWithNotice(`/accounts/${params.accountId}/webhooks`, 'Webhook endpoint deleted with its delivery log.');
  },
};
