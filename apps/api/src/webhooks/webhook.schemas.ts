import type { WebhookDelivery, WebhookEndpoint } from '@roster/db';
import { WEBHOOK_EVENT_TYPE_NAMES, type WebhookEventType, webhookUrlProblem } from '@roster/domain';
import { z } from 'zod';
import { idField, pageQuery } from '../common/schemas.js';

/** What an endpoint may subscribe to: the catalog, less the ping (which every endpoint receives on request). */
const SUBSCRIBABLE = WEBHOOK_EVENT_TYPE_NAMES.filter((type) => type !== 'roster.ping') as [
  WebhookEventType,
  ...WebhookEventType[],
];

const urlField = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .superRefine((text, context) => {
    const problem = webhookUrlProblem(text);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .meta({ format: 'uri', description: 'http or https; where the events are POSTed' });

const eventTypesField = z
  .array(z.enum(SUBSCRIBABLE, { message: 'must be an event type of the catalog (see the OpenAPI webhooks)' }))
  .min(1, 'must name at least one event type')
  .max(SUBSCRIBABLE.length)
  .transform((types) => [...new Set(types)]);

const fields = {
  url: urlField,
  description: z.string().trim().max(500, 'must be at most 500 characters'),
  eventTypes: eventTypesField,
  tenantIds: z
    .array(idField)
    .max(1000, 'at most 1000 tenants')
    .nullable()
    .describe('Only these tenants’ events (account-level events are then not sent); null or absent: every event'),
  enabled: z.boolean(),
};

export const createWebhookSchema = z
  .object({
    url: fields.url,
    description: fields.description.default(''),
    eventTypes: fields.eventTypes,
    tenantIds: fields.tenantIds.default(null),
    enabled: fields.enabled.default(true),
  })
  .strict()
  .meta({ id: 'CreateWebhook' });
export type CreateWebhookInput = z.output<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .object({
    url: fields.url.optional(),
    description: fields.description.optional(),
    eventTypes: fields.eventTypes.optional(),
    tenantIds: fields.tenantIds.optional(),
    enabled: fields.enabled.optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'must change at least one field')
  .meta({ id: 'UpdateWebhook' });
export type UpdateWebhookInput = z.output<typeof updateWebhookSchema>;

export const webhookSchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(z.enum(SUBSCRIBABLE)),
    tenantIds: z.array(z.uuid()).nullable(),
    enabled: z.boolean(),
    disabledReason: z
      .string()
      .nullable()
      .describe('Why Roster disabled the endpoint (its deliveries kept failing); cleared when it is enabled again'),
    previousSecretExpiresAt: z.iso
      .datetime()
      .nullable()
      .describe('After a rotation: until when the previous secret still signs beside the new one'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Webhook' });
export type WebhookResponse = z.infer<typeof webhookSchema>;

export const webhookSecretSchema = z
  .object({
    secret: z.string().describe('The signing secret (`whsec_` + base64), shown only in this response: store it now'),
  })
  .meta({ id: 'WebhookSecret' });

export const createdWebhookSchema = webhookSchema.extend(webhookSecretSchema.shape).meta({ id: 'CreatedWebhook' });

export const deliveryQuery = pageQuery
  .extend({ status: z.enum(['succeeded', 'failed'], { message: 'must be succeeded or failed' }).optional() })
  .strict();
export type DeliveryQuery = z.output<typeof deliveryQuery>;

export const deliverySchema = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    eventType: z.string(),
    at: z.iso.datetime(),
    attempt: z.number().int().describe('1 for the first attempt of this delivery, then each retry'),
    status: z.enum(['succeeded', 'failed']),
    responseStatus: z.number().int().nullable().describe('The receiver’s HTTP status; null when none came'),
    durationMs: z.number().int(),
    error: z.string().nullable().describe('Why the attempt failed, as a person can act on it'),
    responseExcerpt: z.string().nullable().describe('The start of the receiver’s response body (1 KiB at most)'),
  })
  .meta({ id: 'WebhookDelivery' });

export const acceptedSchema = z
  .object({ messageId: z.uuid(), eventId: z.uuid() })
  .meta({ id: 'WebhookDeliveryQueued', description: 'The delivery is queued; follow it in the delivery log' });

export function toWebhookResponse(endpoint: WebhookEndpoint): WebhookResponse {
  return {
    id: endpoint.id,
    accountId: endpoint.accountId,
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.eventTypes as WebhookEventType[],
    tenantIds: endpoint.tenantIds,
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
    previousSecretExpiresAt:
      endpoint.previousSecret && endpoint.previousSecretExpiresAt
        ? endpoint.previousSecretExpiresAt.toISOString()
        : null,
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}

export function toDeliveryResponse(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    at: delivery.at.toISOString(),
    attempt: delivery.attempt,
    status: delivery.status,
    responseStatus: delivery.responseStatus,
    durationMs: delivery.durationMs,
    error: delivery.error,
    responseExcerpt: delivery.responseExcerpt,
  };
}
