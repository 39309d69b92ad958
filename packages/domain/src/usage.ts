/**
 * Licensed-user counting (DESIGN.md §3): the rules, once, as pure functions. The worker's SQL must
 * agree with them; property tests prove it on random data.
 */
import type { Aggregation, Subscription } from './subscription.js';

/**
 * What one end user counts as in its environment: its licensing class. The API shows it on every user as
 * `licenseClass` (API.md §7), in this order, which is also the order the console offers them in.
 */
export const USAGE_CLASSES = ['internal', 'external', 'anonymous', 'inactive'] as const;
export type UsageClass = (typeof USAGE_CLASSES)[number];

export interface CountableUser {
  kind: 'registered' | 'anonymous';
  isActive: boolean;
  email: string | null;
  username: string | null;
}

/** The settings classification depends on: the environment's and the user's tenant's. */
export interface ClassificationSettings {
  classifyAllInternal: boolean;
  /** Already normalized (lower-cased, no trailing dot), as the API stores them. */
  environmentDomains: readonly string[];
  tenantDomains: readonly string[];
}

/**
 * An address the counting rules accept. Kept as a source string because the database uses the very
 * same pattern, so SQL and TypeScript agree: it avoids `\s` and other classes whose meaning differs
 * between the engines (JavaScript's `\s` includes Unicode spaces, PostgreSQL's follows the locale) and
 * spells out the ASCII whitespace it excludes.
 */
export const LICENSE_EMAIL_PATTERN = '^[^@ \\t\\n\\r\\f\\v]+@[^@ \\t\\n\\r\\f\\v]+\\.[^@ \\t\\n\\r\\f\\v]+$';
const LICENSE_EMAIL = new RegExp(LICENSE_EMAIL_PATTERN);

export function isLicenseEmail(value: string | null): value is string {
  return value !== null && LICENSE_EMAIL.test(value);
}

/**
 * Lower-cases A–Z only. Full Unicode case mapping differs between JavaScript and PostgreSQL (final
 * sigma, dotted I), so both sides fold ASCII letters alone (SQL: translate) and always agree.
 */
export function asciiLower(value: string): string {
  return value.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/** Rule 2–3: the address checked (email, else a username holding an email), as its lower-cased domain. */
export function licenseDomain(user: Pick<CountableUser, 'email' | 'username'>): string | null {
  const address = isLicenseEmail(user.email) ? user.email : isLicenseEmail(user.username) ? user.username : null;
  if (address === null) return null;
  return asciiLower(address.slice(address.lastIndexOf('@') + 1)).replace(/\.+$/, '');
}

/** Who a record is for `aggregation: unique`: the normalized email, else the username. */
export function licenseIdentity(user: Pick<CountableUser, 'email' | 'username'>): string | null {
  if (isLicenseEmail(user.email)) return asciiLower(user.email);
  return user.username === null ? null : asciiLower(user.username);
}

/** DESIGN.md §3, rules 1–5, in order. */
export function classifyUser(user: CountableUser, settings: ClassificationSettings): UsageClass {
  if (!user.isActive) return 'inactive';
  if (user.kind === 'anonymous') return 'anonymous';
  if (settings.classifyAllInternal) return 'internal';
  const domain = licenseDomain(user);
  if (domain === null) return 'internal';
  if (settings.environmentDomains.length === 0 && settings.tenantDomains.length === 0) return 'internal';
  return settings.environmentDomains.includes(domain) || settings.tenantDomains.includes(domain)
    ? 'internal'
    : 'external';
}

export interface EnvironmentCounts {
  internal: number;
  external: number;
  /** internal + external. */
  named: number;
  anonymous: number;
  inactive: number;
}

/** Counts classified users. */
export function countClasses(classes: Iterable<UsageClass>): EnvironmentCounts {
  const counts = { internal: 0, external: 0, named: 0, anonymous: 0, inactive: 0 };
  for (const usageClass of classes) counts[usageClass] += 1;
  counts.named = counts.internal + counts.external;
  return counts;
}

/** A licensed (internal or external) record of a production environment, for account totals. */
export interface LicensedRecord {
  identity: string;
  usageClass: 'internal' | 'external';
}

export interface Totals {
  internal: number;
  external: number;
  named: number;
}

/**
 * Account totals over production environments only (the caller passes just those). `sum` adds the
 * records; `unique` counts each identity once, internal if any of its records is internal.
 */
export function accountTotals(aggregation: Aggregation, records: Iterable<LicensedRecord>): Totals {
  let internal = 0;
  let external = 0;
  if (aggregation === 'sum') {
    for (const record of records) {
      if (record.usageClass === 'internal') internal += 1;
      else external += 1;
    }
  } else {
    const people = new Map<string, boolean>();
    for (const record of records) {
      people.set(record.identity, (people.get(record.identity) ?? false) || record.usageClass === 'internal');
    }
    for (const isInternal of people.values()) {
      if (isInternal) internal += 1;
      else external += 1;
    }
  }
  return { internal, external, named: internal + external };
}

export type LimitStatus = 'ok' | 'warning' | 'exceeded';

export interface LimitEvaluation {
  limits: { internal: number | null; external: number | null; named: number | null };
  status: { internal: LimitStatus | null; external: LimitStatus | null; named: LimitStatus | null };
}

/** ok below 90 % of the limit, warning from 90 % up to the limit, exceeded above it. */
export function limitStatus(count: number, limit: number | null): LimitStatus | null {
  if (limit === null) return null;
  if (count > limit) return 'exceeded';
  if (count >= 0.9 * limit && count > 0) return 'warning';
  return 'ok';
}

/** The limits the subscription model applies, and each limited dimension's status. */
export function evaluateLimits(subscription: Subscription, totals: Totals): LimitEvaluation {
  const separate = subscription.model === 'internal-external';
  const limits = {
    internal: separate ? subscription.internalLimit : null,
    external: separate ? subscription.externalLimit : null,
    named: separate ? null : subscription.namedLimit,
  };
  return {
    limits,
    status: {
      internal: limitStatus(totals.internal, limits.internal),
      external: limitStatus(totals.external, limits.external),
      named: limitStatus(totals.named, limits.named),
    },
  };
}

/**
 * The dimensions whose status moved between two evaluations, as {dimension: status} before and after; null when
 * none did. No status (no earlier snapshot, or no limit) reads as `ok`: a first count within its limits, or a
 * limit set on a dimension well below it, moves nothing; a first count over its limit does.
 */
export function limitStatusChanges(
  before: LimitEvaluation['status'] | null,
  after: LimitEvaluation['status'],
): { before: Partial<LimitEvaluation['status']>; after: Partial<LimitEvaluation['status']> } | null {
  const moved = (['internal', 'external', 'named'] as const).filter(
    (dimension) => (before?.[dimension] ?? 'ok') !== (after[dimension] ?? 'ok'),
  );
  if (moved.length === 0) return null;
  return {
    before: Object.fromEntries(moved.map((dimension) => [dimension, before?.[dimension] ?? null])),
    after: Object.fromEntries(moved.map((dimension) => [dimension, after[dimension]])),
  };
}
