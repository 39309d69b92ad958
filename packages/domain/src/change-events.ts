/**
 * Change events (DESIGN.md §5): every write records what it changed as one of these, through the unit of
 * work. In the same transaction they become audit rows (type = the audit action, subject = its target,
 * before → after) and outbox rows; after the commit their consumers (cache invalidation, recounts, and
 * webhooks) receive them. The type names are the audit trail's action names, which clients filter on.
 */

/** What consumers read of a user: the counted facts (the audit trail's copy holds the whole resource). */
export interface UserFacts {
  kind: 'registered' | 'anonymous';
  username: string | null;
  email: string | null;
  isActive: boolean;
}

export interface EnvironmentFacts {
  kind: 'production' | 'non-production';
  classifyAllInternal: boolean;
}

/** The limits, model or aggregation of a subscription: a recount re-evaluates them. */
export interface AccountFacts {
  subscription?: unknown;
}

export interface DomainList {
  domains: readonly string[];
}

/** Anything else a change shows of its subject (names, descriptions, roles of an operator). */
export type Snapshot = Readonly<Record<string, unknown>>;

export interface RoleRef {
  roleKey: string;
  roleName: string;
}

/** A role grant as its events show it: `expiresAt` (ISO 8601) only when the grant expires. */
export interface GrantRef extends RoleRef {
  expiresAt?: string;
}

/** A grant that went: `reason: 'expired'` when Roster removed it at its expiry (the actor is then the system). */
export interface RevokedGrant extends GrantRef {
  reason?: 'expired';
}

export interface GroupRef {
  groupId: string;
  groupName: string;
}

/** Per event type: what it is about, and what its before and after hold (null: nothing, e.g. a creation's before). */
interface Shapes {
  'account.created': ['account', null, AccountFacts];
  'account.updated': ['account', AccountFacts, AccountFacts];
  'account.deleted': ['account', AccountFacts, null];
  'environment.created': ['environment', null, EnvironmentFacts];
  'environment.updated': ['environment', EnvironmentFacts, EnvironmentFacts];
  'environment.deleted': ['environment', EnvironmentFacts, null];
  'environment.internal-domains.replaced': ['environment', DomainList, DomainList];
  'tenant.created': ['tenant', null, Snapshot];
  'tenant.updated': ['tenant', Snapshot, Snapshot];
  'tenant.deleted': ['tenant', Snapshot, null];
  'tenant.internal-domains.replaced': ['tenant', DomainList, DomainList];
  /**
   * Dormant-user policies (lifecycle-policies.ts): an environment's policy set or replaced (`before` null the first
   * time), a tenant's override set, replaced or removed. Recorded on the environment or the tenant.
   */
  'environment.lifecycle-policy.replaced': ['environment', Snapshot | null, Snapshot];
  'tenant.lifecycle-policy.replaced': ['tenant', Snapshot | null, Snapshot];
  'tenant.lifecycle-policy.deleted': ['tenant', Snapshot, null];
  'application.declared': ['application', null, Snapshot];
  'application.redeclared': ['application', Snapshot, Snapshot];
  'operator.created': ['operator', null, Snapshot];
  'operator.updated': ['operator', Snapshot, Snapshot];
  'operator.updated.password-changed': ['operator', Snapshot, Snapshot];
  'operator.deleted': ['operator', Snapshot, null];
  'api-key.created': ['api-key', null, Snapshot];
  'api-key.deleted': ['api-key', Snapshot, null];
  /** A tenant's SCIM token (an API key for SCIM alone): told apart from API keys so the audit trail says which. */
  'scim-token.created': ['scim-token', null, Snapshot];
  'scim-token.deleted': ['scim-token', Snapshot, null];
  /**
   * A billing period's statement was closed (written by the worker, not by a person: an outbox row only, no
   * audit row). Its id is derived from the account and the period, so it is the same however often it is told.
   */
  'usage.statement.closed': ['account', null, Snapshot];
  /** A recount stored the account's totals (worker-written, outbox only; id derived from the account and run). */
  'usage.snapshot': ['account', null, Snapshot];
  /** Dimensions whose status moved between ok, warning and exceeded with that snapshot: before and after. */
  'usage.limit.changed': ['account', Snapshot, Snapshot];
  /** Webhook endpoints: never their secret (a rotation records only that it happened). */
  'webhook.created': ['webhook', null, Snapshot];
  'webhook.updated': ['webhook', Snapshot, Snapshot];
  'webhook.deleted': ['webhook', Snapshot, null];
  'webhook.secret.rotated': ['webhook', null, null];
  'user.created': ['user', null, UserFacts];
  'user.updated': ['user', UserFacts, UserFacts];
  'user.activated': ['user', UserFacts, UserFacts];
  'user.deactivated': ['user', UserFacts, UserFacts];
  'user.deleted': ['user', UserFacts, null];
  /** Never the password or its hash: only that it changed. */
  'user.password.changed': ['user', null, null];
  'user.unblocked': ['user', null, null];
  /**
   * Failed logins began a block of the user's username: from one address (`scope: 'username'`, the pair) or from
   * everywhere (`'username-ceiling'`). Recorded with the failed attempt; lifted by time or by user.unblocked.
   */
  'user.blocked': ['user', null, Snapshot];
  /** A grant, or a re-grant that changed an existing grant's expiry (`before` is then the grant it replaced). */
  'user.role.granted': ['user', GrantRef | null, GrantRef];
  'user.role.revoked': ['user', RevokedGrant, null];
  'group.created': ['group', null, Snapshot];
  'group.updated': ['group', Snapshot, Snapshot];
  'group.deleted': ['group', Snapshot, null];
  /** Memberships are recorded on the user: "why does this person hold that role" is what audits ask. */
  'group.member.added': ['user', null, GroupRef];
  'group.member.removed': ['user', GroupRef, null];
  'group.role.granted': ['group', GrantRef | null, GrantRef];
  'group.role.revoked': ['group', RevokedGrant, null];
  /**
   * One block lifted: its subject is the user the blocked username belongs to, or the tenant when the block is
   * of an address or of a username no user has (build it with loginBlockLifted).
   */
  'login-block.lifted': ['user' | 'tenant', Snapshot, null];
}

export type ChangeType = keyof Shapes;
export type SubjectType = Shapes[ChangeType][0];

export type ChangeEvent = {
  [T in ChangeType]: {
    type: T;
    subject: { type: Shapes[T][0]; id: string };
    before: Shapes[T][1];
    after: Shapes[T][2];
  };
}[ChangeType];

export type ChangeOf<T extends ChangeType> = Extract<ChangeEvent, { type: T }>;

/** Builds an event with its payload checked against its type. */
export function change<T extends ChangeType>(
  type: T,
  subjectId: string,
  before: Shapes[T][1],
  after: Shapes[T][2],
): ChangeOf<T> {
  return { type, subject: { type: subjectType(type), id: subjectId }, before, after } as ChangeOf<T>;
}

/** A lifted login block, recorded on the user its username belongs to, or on the tenant when none does. */
export function loginBlockLifted(
  subject: { type: 'user' | 'tenant'; id: string },
  before: Snapshot,
): ChangeOf<'login-block.lifted'> {
  return { type: 'login-block.lifted', subject, before, after: null };
}

const SUBJECT_OF_PREFIX: Record<string, SubjectType> = {
  account: 'account',
  environment: 'environment',
  tenant: 'tenant',
  application: 'application',
  operator: 'operator',
  'api-key': 'api-key',
  'scim-token': 'scim-token',
  webhook: 'webhook',
  user: 'user',
  group: 'group',
  'login-block': 'tenant',
  usage: 'account',
};

function subjectType(type: ChangeType): SubjectType {
  if (type === 'group.member.added' || type === 'group.member.removed') return 'user';
  return SUBJECT_OF_PREFIX[type.slice(0, type.indexOf('.'))]!;
}

/**
 * Who made a change: an operator, an API key, a SCIM token, a dormant-user policy (its id: the environment's policy
 * or the tenant's override that acted), or Roster itself (a relay, an expiry).
 */
export interface ChangeActor {
  kind: 'operator' | 'api-key' | 'scim-token' | 'lifecycle-policy' | 'system';
  id: string | null;
}

/** An event as the unit of work stored it: with its id, where it happened, who made it and when. */
export type RecordedChange = ChangeEvent & {
  id: string;
  accountId: string | null;
  tenantId: string | null;
  environmentId: string | null;
  actor: ChangeActor;
  at: string;
};

/** The fields of a user the licensed-user count reads (DESIGN.md §3). */
export const COUNTED_USER_FIELDS = ['kind', 'username', 'email', 'isActive'] as const;
/** The fields of an environment the count reads; a rename moves nothing. */
export const COUNTED_ENVIRONMENT_FIELDS = ['kind', 'classifyAllInternal'] as const;

function differs<T extends object>(before: T, after: T, fields: readonly (keyof T)[]): boolean {
  return fields.some((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

/**
 * Whether a change can move a licensed-user count or a subscription's status (DESIGN.md §3, §6), so a
 * recount must follow it. Decided here once for every writer; a property test holds it against the
 * counting rules.
 */
export function countMoved(event: ChangeEvent): boolean {
  switch (event.type) {
    // A new account's request makes the worker create its scheduler and first (empty) snapshot; a deleted
    // account's makes it remove the scheduler.
    case 'account.created':
    case 'account.deleted':
    case 'user.created':
    case 'user.deleted':
    case 'tenant.deleted':
    case 'environment.deleted':
      return true;
    case 'user.updated':
    case 'user.activated':
    case 'user.deactivated':
      return differs(event.before, event.after, COUNTED_USER_FIELDS);
    case 'environment.updated':
      return differs(event.before, event.after, COUNTED_ENVIRONMENT_FIELDS);
    case 'environment.internal-domains.replaced':
    case 'tenant.internal-domains.replaced':
      return differs(event.before, event.after, ['domains']);
    case 'account.updated':
      return differs(event.before, event.after, ['subscription']);
    default:
      return false;
  }
}

/** What a change makes stale in the API's caches, as coarse as is safe (the API's InvalidationBus applies it). */
export type Invalidation =
  | { kind: 'all' }
  /** Operators, sessions or API keys: who a token is. */
  | { kind: 'actors' }
  /** An account, environment, tenant, operator or API key was deleted: what an id in a path belongs to. */
  | { kind: 'scopes' }
  /** A tenant's users, groups, memberships or grants. */
  | { kind: 'tenant'; tenantId: string }
  /** An environment's roles (an application declared them) or the environment itself. */
  | { kind: 'environment'; environmentId: string };

/** The cache entries one recorded change makes stale. */
export function invalidationsOf(event: RecordedChange): Invalidation[] {
  switch (event.type) {
    case 'account.deleted':
      return [{ kind: 'all' }];
    case 'account.created':
    case 'account.updated':
    case 'environment.created':
    case 'environment.updated':
    case 'tenant.created':
    case 'tenant.updated':
    case 'tenant.internal-domains.replaced':
    case 'environment.internal-domains.replaced':
    case 'environment.lifecycle-policy.replaced':
    case 'tenant.lifecycle-policy.replaced':
    case 'tenant.lifecycle-policy.deleted':
      // No cache holds what these change (names, subscriptions, kinds, domains): they count, they do not authorize.
      return [];
    case 'environment.deleted':
      return [{ kind: 'environment', environmentId: event.subject.id }, { kind: 'scopes' }];
    case 'tenant.deleted':
      // Its users' role state, the scope of its id, and tenant-admins' lists (actors) all changed.
      return [{ kind: 'tenant', tenantId: event.subject.id }, { kind: 'scopes' }, { kind: 'actors' }];
    case 'application.declared':
    case 'application.redeclared':
      return event.environmentId ? [{ kind: 'environment', environmentId: event.environmentId }] : [];
    case 'operator.created':
    case 'operator.updated':
    case 'operator.updated.password-changed':
      return [{ kind: 'actors' }];
    case 'operator.deleted':
    case 'api-key.deleted':
    case 'scim-token.deleted':
      return [{ kind: 'actors' }, { kind: 'scopes' }];
    case 'api-key.created':
    case 'scim-token.created':
    case 'user.blocked': // a block lives in the login counters, which no cache holds
    case 'usage.statement.closed':
    case 'usage.snapshot':
    case 'usage.limit.changed':
    case 'webhook.created':
    case 'webhook.updated':
    case 'webhook.secret.rotated':
      return [];
    case 'webhook.deleted':
      return [{ kind: 'scopes' }];
    default:
      // Users, groups, memberships, grants and login blocks: the tenant's role state.
      return event.tenantId ? [{ kind: 'tenant', tenantId: event.tenantId }] : [];
  }
}

/** The distinct invalidations of many changes, in a stable order. */
export function invalidationsOfAll(events: readonly RecordedChange[]): Invalidation[] {
  const seen = new Map<string, Invalidation>();
  for (const event of events) {
    for (const invalidation of invalidationsOf(event)) seen.set(JSON.stringify(invalidation), invalidation);
  }
  return [...seen.values()];
}

/** The accounts whose counts the changes may have moved: each gets one recount request. */
export function accountsToRecount(events: readonly RecordedChange[]): string[] {
  const accounts = new Set<string>();
  for (const event of events) {
    if (event.accountId && countMoved(event)) accounts.add(event.accountId);
  }
  return [...accounts];
}
