/**
 * The webhook event catalog (packages/domain) arranged for the event picker: grouped by what the event is
 * about, with the catalog's descriptions. Safe to import in the browser.
 */
import { WEBHOOK_EVENT_TYPES, webhookUrlProblem as urlRuleProblem } from '@roster/domain';
import { asSentence } from './forms';

export interface WebhookEventChoice {
  type: string;
  /** The type without `roster.` and its subject ("created", "role.granted"). */
  label: string;
  description: string;
}

export interface WebhookEventGroup {
  key: string;
  title: string;
  events: WebhookEventChoice[];
}

/** The groups in the order the picker shows them; types of a subject not named here go to "Other". */
const GROUPS: readonly { key: string; title: string }[] = [
  { key: 'user', title: 'Users' },
  { key: 'group', title: 'Groups' },
  { key: 'role', title: 'Roles' },
  { key: 'application', title: 'Applications' },
  { key: 'tenant', title: 'Tenants' },
  { key: 'environment', title: 'Environments' },
  { key: 'usage', title: 'Usage and billing' },
];

/** Sent on request to every endpoint, so nobody subscribes to it (the API refuses it). */
export const PING_EVENT_TYPE = 'roster.ping';

/**
 * Role grants are about a user or a group, but people look for them as "roles": they form their own group,
 * and their label keeps who holds the role ("user.role.granted").
 */
function placeOf(type: string): { key: string; label: string } {
  const parts = type.replace(/^roster\./, '').split('.');
  if (parts[1] === 'role') return { key: 'role', label: parts.join('.') };
  return { key: parts[0] ?? type, label: parts.slice(1).join('.') || type };
}

/** The catalog's subscribable types, grouped; groups without types are left out. */
export function groupWebhookEvents(
  catalog: Readonly<Record<string, string>> = WEBHOOK_EVENT_TYPES,
): WebhookEventGroup[] {
  const groups = new Map<string, WebhookEventGroup>(GROUPS.map((group) => [group.key, { ...group, events: [] }]));
  for (const [type, description] of Object.entries(catalog)) {
    if (type === PING_EVENT_TYPE) continue;
    const { key, label } = placeOf(type);
    const known = groups.get(key);
    const group = known ?? groups.get('other') ?? { key: 'other', title: 'Other', events: [] };
    groups.set(group.key, group);
    // Under "Other" the subject is not in the heading, so the label keeps it.
    group.events.push({ type, label: known ? label : type.replace(/^roster\./, ''), description });
  }
  return [...groups.values()].filter((group) => group.events.length > 0);
}

/** Every subscribable type, for checking a form's choices. */
export function subscribableEventTypes(catalog: Readonly<Record<string, string>> = WEBHOOK_EVENT_TYPES): string[] {
  return Object.keys(catalog).filter((type) => type !== PING_EVENT_TYPE);
}

/**
 * Why a URL cannot receive webhooks, or null: the API's own rules (packages/domain), checked before sending so
 * the message shows at once, worded as the console shows the API's field messages.
 */
export function webhookUrlProblem(text: string): string | null {
  const value = text.trim();
  if (value === '') return 'Enter the URL Roster should POST the events to.';
  if (value.length > MAX_URL_LENGTH) return `URLs have at most ${MAX_URL_LENGTH} characters.`;
  const problem = urlRuleProblem(value);
  return problem === null ? null : asSentence(problem);
}

export const MAX_URL_LENGTH = 2000;
export const MAX_DESCRIPTION_LENGTH = 500;
