/**
 * How the console reads audit events (API.md §5): labels for actions, who acted, what was
 * touched, and which fields changed. Pure and safe to import in the browser.
 */
import type { Schemas } from '@roster/api-client';
import { exactTime } from './time';

export type AuditEvent = Schemas['AuditEvent'];

/** Where a list of events comes from: links and filters differ between a tenant and an account. */
export type AuditScope = 'tenant' | 'account';

/** Events per page of the audit lists. */
export const AUDIT_PAGE_SIZE = 50;

/** An audit list's filters as the URL holds them (dates as YYYY-MM-DD, whole UTC days). */
export interface AuditFilters {
  action: string;
  from: string;
  to: string;
  targetId: string;
  actorId: string;
}

const ACTION_LABELS: Readonly<Record<string, string>> = {
  'user.created': 'User created',
  'user.updated': 'User updated',
  'user.activated': 'User activated',
  'user.deactivated': 'User deactivated',
  'user.deleted': 'User deleted',
  'user.password.changed': 'Password set',
  'user.unblocked': 'Login block lifted',
  'user.role.granted': 'Role granted directly',
  'user.role.revoked': 'Direct role revoked',
  'group.created': 'Group created',
  'group.updated': 'Group updated',
  'group.deleted': 'Group deleted',
  'group.member.added': 'Added to group',
  'group.member.removed': 'Removed from group',
  'group.role.granted': 'Role granted to group',
  'group.role.revoked': 'Role revoked from group',
  'tenant.created': 'Tenant created',
  'tenant.updated': 'Tenant updated',
  'tenant.deleted': 'Tenant deleted',
  'tenant.internal-domains.replaced': 'Tenant internal domains changed',
  'tenant.lifecycle-policy.replaced': 'Tenant dormant-user policy set',
  'tenant.lifecycle-policy.deleted': 'Tenant dormant-user policy removed',
  'environment.created': 'Environment created',
  'environment.updated': 'Environment updated',
  'environment.deleted': 'Environment deleted',
  'environment.internal-domains.replaced': 'Environment internal domains changed',
  'environment.lifecycle-policy.replaced': 'Environment dormant-user policy set',
  'application.declared': 'Application declared',
  'application.redeclared': 'Application roles redeclared',
  'account.created': 'Account created',
  'account.updated': 'Account updated',
  'account.deleted': 'Account deleted',
  'operator.created': 'Operator added',
  'operator.updated': 'Operator updated',
  'operator.updated.password-changed': 'Operator updated (new password)',
  'operator.deleted': 'Operator removed',
  'api-key.created': 'API key created',
  'api-key.deleted': 'API key deleted',
  'scim-token.created': 'SCIM token created',
  'scim-token.deleted': 'SCIM token revoked',
};

/** "user.password.changed" → "Password set"; an action the console does not know yet is spelled out. */
export function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const words = action
    .split(/[.\-_]+/)
    .filter(Boolean)
    .join(' ')
    .trim();
  return words === '' ? 'Unknown action' : words.charAt(0).toUpperCase() + words.slice(1);
}

export type Tone = 'success' | 'danger' | 'warning' | 'accent' | 'neutral';

/** Badge colour: green for what adds, red for what removes or suspends. */
export function actionTone(action: string): Tone {
  const verb = action.slice(action.lastIndexOf('.') + 1);
  if (['created', 'granted', 'added', 'activated', 'declared'].includes(verb)) return 'success';
  if (['deleted', 'revoked', 'removed'].includes(verb)) return 'danger';
  if (verb === 'deactivated') return 'warning';
  return 'accent';
}

/** A filter choice: an exact action, or a prefix ending in "." (the API's `action` parameter). */
export interface ActionChoice {
  value: string;
  label: string;
}

const TENANT_GROUPS: readonly ActionChoice[] = [
  { value: 'user.', label: 'Users — every change' },
  { value: 'user.role.', label: 'Direct role grants' },
  { value: 'group.', label: 'Groups and memberships' },
  { value: 'group.member.', label: 'Group memberships' },
  { value: 'group.role.', label: 'Group role grants' },
  { value: 'tenant.', label: 'Tenant settings' },
];

const ACCOUNT_GROUPS: readonly ActionChoice[] = [
  { value: 'account.', label: 'Account and subscription' },
  { value: 'operator.', label: 'Operators' },
  { value: 'api-key.', label: 'API keys' },
  { value: 'scim-token.', label: 'SCIM tokens' },
  { value: 'environment.', label: 'Environments' },
  { value: 'application.', label: 'Applications and roles' },
  ...TENANT_GROUPS,
];

const TENANT_PREFIXES = ['user.', 'group.', 'tenant.'];

/** Prefixes and exact actions to offer as filters for one scope. */
export function actionChoices(scope: AuditScope): { groups: readonly ActionChoice[]; actions: ActionChoice[] } {
  const actions = Object.entries(ACTION_LABELS)
    .filter(([action]) => scope === 'account' || TENANT_PREFIXES.some((prefix) => action.startsWith(prefix)))
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return { groups: scope === 'account' ? ACCOUNT_GROUPS : TENANT_GROUPS, actions };
}

/** The end of an id: UUIDv7s share their first digits (the time), so the start tells them apart less. */
export function shortId(id: string): string {
  return id.length > 8 ? `…${id.slice(-8)}` : id;
}

const ACTOR_TYPES: Readonly<Record<AuditEvent['actorType'], string>> = {
  operator: 'Operator',
  'api-key': 'API key',
  'scim-token': 'SCIM token',
  'lifecycle-policy': 'Dormant-user policy',
  system: 'System',
};

/** Who acted: today's name of the operator or API key, else its kind and a short id. */
export function actorOf(event: AuditEvent): { name: string; kind: string; deleted: boolean } {
  const kind = ACTOR_TYPES[event.actorType] ?? event.actorType;
  if (event.actorType === 'system' || !event.actorId) return { name: kind, kind, deleted: false };
  if (event.actorName) return { name: event.actorName, kind, deleted: false };
  // No name for an actor that has an id: the operator or key was deleted since.
  return { name: `${kind} ${shortId(event.actorId)}`, kind, deleted: true };
}

function stringAt(record: Record<string, unknown> | null, key: string): string | null {
  const value = record?.[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Reads a value from the state after the change, else before it (a deletion has only `before`). */
function either(event: AuditEvent, key: string): string | null {
  return stringAt(event.after, key) ?? stringAt(event.before, key);
}

/**
 * The thing the event is about in a few words of its own payload: "Sales" for a group member
 * change, "CRM admin (crm.admin)" for a grant. Null when the label says it all.
 */
export function subjectOf(event: AuditEvent): string | null {
  if (event.action.startsWith('group.member.')) return either(event, 'groupName');
  if (/\.role\.(granted|revoked)$/.test(event.action)) {
    const name = either(event, 'roleName');
    const key = either(event, 'roleKey');
    const role = name && key && name !== key ? `${name} (${key})` : (name ?? key);
    return role && `${role}${grantTerms(event)}`;
  }
  return null;
}

/** How a grant event's grant ends: removed once expired, or granted until a time (issue 18's expiring grants). */
function grantTerms(event: AuditEvent): string {
  if (event.action.endsWith('.revoked') && stringAt(event.before, 'reason') === 'expired') return ', expired';
  const until = event.action.endsWith('.granted') ? stringAt(event.after, 'expiresAt') : null;
  return until ? `, until ${exactTime(until)}` : '';
}

const TARGET_TYPES: Readonly<Record<string, string>> = {
  user: 'User',
  group: 'Group',
  tenant: 'Tenant',
  environment: 'Environment',
  account: 'Account',
  operator: 'Operator',
  'api-key': 'API key',
  application: 'Application',
};

export interface Target {
  /** "User", "Group" … */
  type: string;
  /** Its name as the event recorded it, else a short id. */
  name: string;
  /** Its page, while it can still exist. */
  href: string | null;
}

/** The name an event's own payload gives its target, if any. */
function recordedName(event: AuditEvent): string | null {
  if (event.targetType === 'user') {
    // Membership and grant events carry the group or role, not the user: only user payloads name the user.
    return either(event, 'username') ?? (either(event, 'kind') === 'anonymous' ? 'Anonymous user' : null);
  }
  if (event.targetType === 'operator') return either(event, 'username');
  return either(event, 'name') ?? either(event, 'key');
}

/**
 * Names of targets as the given events recorded them, by target id: a membership event then
 * borrows the username from the same user's other events on the page.
 */
export function targetNames(events: readonly AuditEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  // Newest first: the first name seen is the latest.
  for (const event of events) {
    const name = recordedName(event);
    if (name && !names.has(event.targetId)) names.set(event.targetId, name);
  }
  return names;
}

/** What the event touched, and where its page is. `known` lends names the event itself lacks. */
export function targetOf(event: AuditEvent, known: ReadonlyMap<string, string> = new Map()): Target {
  const type = TARGET_TYPES[event.targetType] ?? actionLabel(event.targetType);
  const name = recordedName(event) ?? known.get(event.targetId) ?? shortId(event.targetId);
  return { type, name, href: targetHref(event) };
}

function targetHref(event: AuditEvent): string | null {
  if (event.action.endsWith('.deleted')) return null;
  const id = event.targetId;
  switch (event.targetType) {
    case 'user':
      return event.tenantId ? `/tenants/${event.tenantId}/users/${id}` : null;
    case 'group':
      return event.tenantId ? `/tenants/${event.tenantId}/groups/${id}` : null;
    case 'tenant':
      return `/tenants/${id}`;
    case 'environment':
      return `/environments/${id}`;
    default:
      return null;
  }
}

/** One field that differs between the state before and after a change. */
export interface FieldChange {
  /** Dotted path for nested values: "subscription.internalLimit". */
  path: string;
  before: unknown;
  after: unknown;
}

/** Bookkeeping every row carries: the event's own time and target already say it. */
const IGNORED_FIELDS = new Set(['id', 'tenantId', 'accountId', 'environmentId', 'createdAt', 'updatedAt']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Nested objects become dotted paths; arrays and empty objects stay whole values. */
function flatten(record: Record<string, unknown> | null, prefix: string, into: Map<string, unknown>) {
  for (const [key, value] of Object.entries(record ?? {})) {
    if (prefix === '' && IGNORED_FIELDS.has(key)) continue;
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isPlainObject(value) && Object.keys(value).length > 0) flatten(value, path, into);
    else into.set(path, value === undefined ? null : value);
  }
  return into;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields whose values differ between `before` and `after`, in the order the payload lists
 * them. A creation (no `before`) lists what was set, a deletion (no `after`) what was removed;
 * a field that was empty and stays empty is not a change.
 */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): FieldChange[] {
  const old = flatten(before, '', new Map());
  const now = flatten(after, '', new Map());
  const paths = [...new Set([...old.keys(), ...now.keys()])];
  return paths
    .map((path) => ({ path, before: old.get(path) ?? null, after: now.get(path) ?? null }))
    .filter((change) => !sameValue(change.before, change.after));
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  externalId: 'External ID',
  isActive: 'Active',
  mobilePhone: 'Mobile phone',
  lastLoginAt: 'Last login',
  classifyAllInternal: 'All users internal',
  internalLimit: 'Internal limit',
  externalLimit: 'External limit',
  namedLimit: 'Named limit',
  tenantIds: 'Tenants',
  groupId: 'Group ID',
  groupName: 'Group',
  roleKey: 'Role key',
  roleName: 'Role',
  expiresAt: 'Expires',
};

/** "subscription.internalLimit" → "Subscription › Internal limit". */
export function fieldLabel(path: string): string {
  return path
    .split('.')
    .map((part) => {
      const known = FIELD_LABELS[part];
      if (known) return known;
      const words = part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
      return words.charAt(0).toUpperCase() + words.slice(1);
    })
    .join(' › ');
}

/** A value as one line of text; null (nothing) is the empty string, for the caller to mark. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return value.toLocaleString('en-US');
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map((item) => formatValue(item)).join(', ');
  return JSON.stringify(value);
}
