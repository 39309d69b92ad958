import type { OpenAPIObject } from '@nestjs/swagger';
import { WEBHOOK_EVENT_TYPE_NAMES, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@roster/domain';

const EVENT_SCHEMA = 'WebhookEvent';

/** The envelope every webhook delivery POSTs (CloudEvents 1.0, JSON format). */
const webhookEventSchema = {
  type: 'object',
  description:
    'A CloudEvents 1.0 event. `id` is unique per event and equals the `webhook-id` header: deduplicate on it. ' +
    'For a change, it is also the id of its audit event.',
  required: ['specversion', 'id', 'type', 'source', 'subject', 'time', 'datacontenttype', 'data'],
  properties: {
    specversion: { type: 'string', const: '1.0' },
    id: { type: 'string', format: 'uuid' },
    type: { type: 'string', enum: WEBHOOK_EVENT_TYPE_NAMES },
    source: { type: 'string', description: '`/accounts/{id}`, with `/tenants/{id}` or `/environments/{id}` below it' },
    subject: { type: 'string', description: 'What the event is about, e.g. `users/{id}`' },
    time: { type: 'string', format: 'date-time' },
    datacontenttype: { type: 'string', const: 'application/json' },
    data: {
      type: 'object',
      description:
        'For a change: `accountId`, `environmentId`, `tenantId`, `actor` ({kind, id}), and `before` and `after` ' +
        'as the audit trail records them (null for a creation’s before and a deletion’s after).',
      additionalProperties: true,
    },
  },
};

const SIGNATURE_HEADERS = {
  'webhook-id': 'The event id (deduplicate on it)',
  'webhook-timestamp': 'Unix seconds when the attempt was signed',
  'webhook-signature': '`v1,<base64 HMAC-SHA256>`; two, space-separated, during a secret rotation',
};

function entry(type: WebhookEventType) {
  return {
    post: {
      operationId: camelCase(`${type}-event`),
      summary: type,
      description: `${WEBHOOK_EVENT_TYPES[type]} Signed per Standard Webhooks; answer 2xx within 10 s.`,
      tags: ['Webhooks'],
      security: [],
      parameters: Object.entries(SIGNATURE_HEADERS).map(([name, description]) => ({
        name,
        in: 'header' as const,
        required: true,
        description,
        schema: { type: 'string' as const },
      })),
      requestBody: {
        required: true,
        content: { 'application/cloudevents+json': { schema: { $ref: `#/components/schemas/${EVENT_SCHEMA}` } } },
      },
      responses: {
        '200': {
          description:
            'Any 2xx is a delivery. Anything else, a redirect or no answer in 10 s is retried with backoff for ' +
            'about three days, after which the endpoint is disabled.',
        },
      },
    },
  };
}

/** The event catalog as OpenAPI 3.1 `webhooks`: what an endpoint receives, one entry per event type. */
export function addWebhookCatalog(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ?? {};
  schemas[EVENT_SCHEMA] = webhookEventSchema as never;
  document.components.schemas = schemas;
  const catalog = Object.fromEntries(WEBHOOK_EVENT_TYPE_NAMES.map((type) => [type, entry(type)]));
  return { ...document, webhooks: catalog } as OpenAPIObject;
}

/** `roster.user.created-event` → `rosterUserCreatedEvent` (the lint's operationId casing). */
function camelCase(text: string): string {
  return text.replace(/[.-]+(.)/g, (_, next: string) => next.toUpperCase());
}
