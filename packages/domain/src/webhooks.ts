/**
 * Webhooks (API.md §9, DESIGN.md §7a): which change events an account's endpoints can subscribe to, the
 * CloudEvents 1.0 envelope each is delivered in, and the retry schedule of a delivery. Pure rules: the worker
 * signs and sends, the API stores the endpoints.
 */
import type { ChangeType, RecordedChange } from './change-events.js';

/** The event catalog: every type an endpoint may subscribe to, with what it means (the OpenAPI document lists it). */
export const WEBHOOK_EVENT_TYPES = {
  'roster.user.created': 'An end user was created.',
  'roster.user.updated': 'An end user’s username, name, e-mail, phone, external id or kind changed.',
  'roster.user.activated': 'An end user was activated: their grants apply again and they count as licensed.',
  'roster.user.deactivated':
    'An end user was deactivated: every permission suspended, grants kept, seat freed (by a dormant-user policy: ' +
    '`actor.kind` is `lifecycle-policy`).',
  'roster.user.deleted': 'An end user was deleted (by a dormant-user policy: `actor.kind` is `lifecycle-policy`).',
  'roster.user.password.changed': 'An end user’s password was set or changed (never the password itself).',
  'roster.user.blocked':
    'Failed logins blocked an end user’s username, from one address or (past the ceiling) from everywhere.',
  'roster.user.role.granted':
    'A role was granted to an end user directly (`after.expiresAt`: when it expires), or an existing grant’s expiry ' +
    'changed (`before`: the grant it replaced).',
  'roster.user.role.revoked':
    'A role granted to an end user directly was revoked, or removed once it expired (`before.reason: "expired"`).',
  'roster.group.created': 'A group was created.',
  'roster.group.updated': 'A group’s name or description changed.',
  'roster.group.deleted': 'A group was deleted (its members lose the roles it granted).',
  'roster.group.member.added': 'An end user was added to a group (and holds its roles).',
  'roster.group.member.removed': 'An end user was removed from a group.',
  'roster.group.role.granted':
    'A role was granted to a group: every member holds it (until `after.expiresAt` when set); or an existing ' +
    'grant’s expiry changed (`before`: the grant it replaced).',
  'roster.group.role.revoked':
    'A role granted to a group was revoked, or removed once it expired (`before.reason: "expired"`).',
  'roster.application.declared': 'An application declared its roles in an environment (first time or again).',
  'roster.tenant.created': 'A client tenant was created.',
  'roster.tenant.updated': 'A client tenant was renamed or its settings changed.',
  'roster.tenant.deleted': 'A client tenant was deleted with its users.',
  'roster.tenant.internal-domains.replaced': 'A tenant’s internal e-mail domains were replaced.',
  'roster.environment.created': 'An environment was created.',
  'roster.environment.updated': 'An environment’s name, kind or classification changed.',
  'roster.environment.deleted': 'An environment was deleted with its tenants.',
  'roster.environment.internal-domains.replaced': 'An environment’s internal e-mail domains were replaced.',
  'roster.usage.snapshot':
    'A recount stored the account’s totals, limits and status (its id is the same however often it is sent).',
  'roster.usage.limit.changed':
    'A dimension’s status moved between ok, warning and exceeded: `before` and `after` name each one that moved.',
  'roster.usage.statement.closed':
    'A billing period ended and its statement was closed: it never changes (GET /accounts/{id}/usage/statements).',
  'roster.ping': 'A test event sent on request (POST /webhooks/{webhookId}/ping); always delivered.',
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;

export const WEBHOOK_EVENT_TYPE_NAMES = Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventType[];

/**
 * Why a URL cannot receive webhooks, or null (a fragment to follow the field's name, as the API's messages are).
 * Whether its address may be reached is the worker's check. Shared by the API and the console's own checks.
 */
export function webhookUrlProblem(text: string): string | null {
  if (!URL.canParse(text)) return 'must be an absolute URL such as https://example.com/roster-events';
  const url = new URL(text);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must start with https:// or http://';
  if (url.username || url.password) {
    return 'must not hold a user name or password (the signature authenticates Roster to the receiver)';
  }
  if (url.hash) return 'must not have a #fragment';
  return null;
}

/** Change types delivered under another name (`roster.` + the change type for all the others in the catalog). */
const RENAMED: Partial<Record<ChangeType, WebhookEventType>> = {
  'application.redeclared': 'roster.application.declared',
};

/** The webhook event type a change is delivered as, or null when no endpoint can subscribe to it. */
export function webhookTypeOf(type: ChangeType): WebhookEventType | null {
  const name = RENAMED[type] ?? `roster.${type}`;
  return name in WEBHOOK_EVENT_TYPES && name !== 'roster.ping' ? (name as WebhookEventType) : null;
}

/** A CloudEvents 1.0 event in its JSON format: what one delivery POSTs. */
export interface CloudEvent {
  specversion: '1.0';
  /** Unique per event; a receiver deduplicates on it (it is also the `webhook-id` header). */
  id: string;
  type: WebhookEventType;
  /** Where it happened: `/accounts/{id}`, with `/tenants/{id}` or `/environments/{id}` below it. */
  source: string;
  /** What it is about, e.g. `users/{id}`. */
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: Readonly<Record<string, unknown>>;
}

/** The tenant an event concerns (a tenant's own events concern it), for endpoints limited to some tenants. */
export function tenantOfChange(change: RecordedChange): string | null {
  return change.tenantId ?? (change.subject.type === 'tenant' ? change.subject.id : null);
}

/** The event a recorded change is delivered as, or null when it is not in the catalog. */
export function cloudEventOf(change: RecordedChange): CloudEvent | null {
  const type = webhookTypeOf(change.type);
  if (!type || !change.accountId) return null;
  const tenantId = tenantOfChange(change);
  return {
    specversion: '1.0',
    id: change.id,
    type,
    source: sourceOf(change.accountId, tenantId, change.environmentId),
    subject: `${change.subject.type}s/${change.subject.id}`,
    time: change.at,
    datacontenttype: 'application/json',
    data: {
      accountId: change.accountId,
      environmentId: change.environmentId,
      tenantId,
      actor: change.actor,
      before: change.before,
      after: change.after,
    },
  };
}

/** The test event of an endpoint (a fresh id each time: every ping is a new event). */
export function pingEvent(id: string, accountId: string, webhookId: string, at: Date): CloudEvent {
  return {
    specversion: '1.0',
    id,
    type: 'roster.ping',
    source: sourceOf(accountId, null, null),
    subject: `webhooks/${webhookId}`,
    time: at.toISOString(),
    datacontenttype: 'application/json',
    data: { accountId, webhookId, message: 'A test event from Roster: this endpoint receives and verifies.' },
  };
}

function sourceOf(accountId: string, tenantId: string | null, environmentId: string | null): string {
  if (tenantId) return `/accounts/${accountId}/tenants/${tenantId}`;
  if (environmentId) return `/accounts/${accountId}/environments/${environmentId}`;
  return `/accounts/${accountId}`;
}

/** What an endpoint asked for. */
export interface WebhookSubscription {
  eventTypes: readonly string[];
  /** null: every tenant's events and the account's own. */
  tenantIds: readonly string[] | null;
}

/** Whether an endpoint wants an event: its type subscribed, and its tenant among the endpoint's if it names some. */
export function webhookWants(subscription: WebhookSubscription, type: WebhookEventType, tenantId: string | null) {
  if (!subscription.eventTypes.includes(type)) return false;
  return subscription.tenantIds === null || (tenantId !== null && subscription.tenantIds.includes(tenantId));
}

/** Retries: the first after about RETRY_BASE, doubling to at most 720 × the base (6 h at the 30-s default). */
export const WEBHOOK_RETRY_BASE_MS = 30_000;
const MAX_DELAY_FACTOR = 720;
/** Attempts of one delivery at the defaults: 30 s doubling to 6 h spans about three days (webhookRetrySpanMs). */
export const WEBHOOK_MAX_ATTEMPTS = 21;

/**
 * The wait before attempt `attempt + 1` after `attempt` failed: exponential from `baseMs`, capped, with ±20 %
 * jitter so endpoints that failed together are not retried together. `random` in [0, 1).
 */
export function webhookRetryDelayMs(attempt: number, baseMs: number, random: number): number {
  const nominal = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), baseMs * MAX_DELAY_FACTOR);
  return Math.round(nominal * (0.8 + 0.4 * random));
}

/** How long a delivery is retried without jitter: from its first attempt to its last. */
export function webhookRetrySpanMs(maxAttempts: number, baseMs: number): number {
  let total = 0;
  for (let attempt = 1; attempt < maxAttempts; attempt += 1) total += webhookRetryDelayMs(attempt, baseMs, 0.5);
  return total;
}

/** How long the secret a rotation replaced keeps signing beside the new one (API.md §9). */
export const WEBHOOK_SECRET_GRACE_MS = 24 * 3_600_000;

/** The bytes of a response body kept in the delivery log; the rest is read up to the cap, then dropped. */
export const WEBHOOK_RESPONSE_EXCERPT_BYTES = 1_024;
/** The most of a response body read at all: a receiver answering more is cut off (the delivery still counts). */
export const WEBHOOK_RESPONSE_CAP_BYTES = 64 * 1_024;
/** A delivery's whole request, connect to last byte. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** The context a webhook secret is sealed under (its row): a secret copied to another endpoint does not open. */
export const webhookSecretContext = (endpointId: string) => `webhook_endpoints:${endpointId}`;
