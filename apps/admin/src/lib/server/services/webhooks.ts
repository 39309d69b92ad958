import type { RosterClient, Schemas } from '@roster/api-client';
import { all, checked, text } from '$lib/server/forms';
import { MAX_DESCRIPTION_LENGTH, subscribableEventTypes, webhookUrlProblem } from '$lib/webhook-events';
import { callApi } from './errors';
import { collectAll, MAX_PAGE_SIZE, type Page } from './paging';

export type Webhook = Schemas['Webhook'];
/** Only this answer (and a rotation's) holds the signing `secret`; it is never shown again. */
export type CreatedWebhook = Schemas['CreatedWebhook'];
export type WebhookInput = Schemas['CreateWebhook'];
export type WebhookDelivery = Schemas['WebhookDelivery'];
export type DeliveryStatus = WebhookDelivery['status'];

const NOT_FOUND = 'This webhook endpoint does not exist any more (it may have been deleted).';

export function listWebhooks(api: RosterClient, accountId: string): Promise<Webhook[]> {
  return collectAll((cursor) =>
    callApi(() =>
      api.GET('/api/v1/accounts/{accountId}/webhooks', {
        params: { path: { accountId }, query: { limit: MAX_PAGE_SIZE, cursor } },
      }),
    ),
  );
}

export function getWebhook(api: RosterClient, webhookId: string): Promise<Webhook> {
  return callApi(() => api.GET('/api/v1/webhooks/{webhookId}', { params: { path: { webhookId } } }), {
    404: NOT_FOUND,
  });
}

export function createWebhook(api: RosterClient, accountId: string, body: WebhookInput): Promise<CreatedWebhook> {
  return callApi(() => api.POST('/api/v1/accounts/{accountId}/webhooks', { params: { path: { accountId } }, body }));
}

export function updateWebhook(api: RosterClient, webhookId: string, body: Schemas['UpdateWebhook']): Promise<Webhook> {
  return callApi(() => api.PATCH('/api/v1/webhooks/{webhookId}', { params: { path: { webhookId } }, body }), {
    404: NOT_FOUND,
  });
}

export async function deleteWebhook(api: RosterClient, webhookId: string): Promise<void> {
  await callApi(() => api.DELETE('/api/v1/webhooks/{webhookId}', { params: { path: { webhookId } } }), {
    404: NOT_FOUND,
  });
}

/** A new secret, returned once; the previous one keeps signing for 24 hours. */
export async function rotateWebhookSecret(api: RosterClient, webhookId: string): Promise<string> {
  const answer = await callApi(
    () => api.POST('/api/v1/webhooks/{webhookId}/secret/rotate', { params: { path: { webhookId } } }),
    { 404: NOT_FOUND },
  );
  return answer.secret;
}

export async function pingWebhook(api: RosterClient, webhookId: string): Promise<void> {
  await callApi(() => api.POST('/api/v1/webhooks/{webhookId}/ping', { params: { path: { webhookId } } }), {
    404: NOT_FOUND,
  });
}

export function listDeliveries(
  api: RosterClient,
  webhookId: string,
  query: { limit: number; cursor?: string; status?: DeliveryStatus },
): Promise<Page<WebhookDelivery>> {
  return callApi(() => api.GET('/api/v1/webhooks/{webhookId}/deliveries', { params: { path: { webhookId }, query } }), {
    404: NOT_FOUND,
  });
}

export async function redeliver(api: RosterClient, webhookId: string, deliveryId: string): Promise<void> {
  await callApi(
    () =>
      api.POST('/api/v1/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver', {
        params: { path: { webhookId, deliveryId } },
      }),
    { 404: 'This delivery is not in the log any more.' },
  );
}

/** A status filter from the address, or undefined for every attempt. */
export function deliveryStatusOf(value: string | null): DeliveryStatus | undefined {
  return value === 'succeeded' || value === 'failed' ? value : undefined;
}

type Read<T> = { ok: true; value: T } | { ok: false; fieldErrors: Record<string, string> };

/**
 * The create and edit form, checked before it reaches the API: `tenantScope` "some" limits the endpoint to
 * the ticked `tenantIds`, anything else means every tenant (null).
 */
export function readWebhook(form: FormData): Read<WebhookInput> {
  const fieldErrors: Record<string, string> = {};
  const url = text(form, 'url');
  const urlProblem = webhookUrlProblem(url);
  if (urlProblem) fieldErrors.url = urlProblem;
  const description = text(form, 'description');
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    fieldErrors.description = `Descriptions have at most ${MAX_DESCRIPTION_LENGTH} characters.`;
  }
  const known = new Set(subscribableEventTypes());
  const eventTypes = [...new Set(all(form, 'eventTypes'))];
  if (eventTypes.length === 0) fieldErrors.eventTypes = 'Choose at least one event to send.';
  else if (eventTypes.some((type) => !known.has(type))) {
    fieldErrors.eventTypes = 'Choose events from the list (the catalog may have changed: reload the page).';
  }
  const limited = text(form, 'tenantScope') === 'some';
  const tenantIds = limited ? [...new Set(all(form, 'tenantIds'))] : null;
  if (tenantIds?.length === 0) {
    fieldErrors.tenantIds = 'Choose at least one tenant, or send the events of every tenant.';
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  // Every type was checked against the catalog above, which the API's enum is generated from.
  const types = eventTypes as WebhookInput['eventTypes'];
  return { ok: true, value: { url, description, eventTypes: types, tenantIds, enabled: checked(form, 'enabled') } };
}

/**
 * The values to put back after a failed form; repeated fields travel as one comma-separated value
 * (the form splits them again).
 */
export function webhookFormValues(form: FormData): Record<string, string> {
  return {
    url: text(form, 'url'),
    description: text(form, 'description'),
    eventTypes: all(form, 'eventTypes').join(','),
    tenantScope: text(form, 'tenantScope'),
    tenantIds: all(form, 'tenantIds').join(','),
    enabled: checked(form, 'enabled') ? 'on' : '',
  };
}
