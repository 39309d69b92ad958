import type { UsageClass } from '@roster/domain';

/**
 * DESIGN.md §3 (classifyUser of packages/domain) in SQL, once: the worker's counting and the API's user reads
 * both build on these fragments, so what a user shows as its class is what it counts as. Classes are computed
 * from the current rows at read time, never stored: the domains of a tenant or environment change under users.
 */

/** The aliases a statement gives the user's row, its tenant's and its environment's. */
export interface LicenseAliases {
  user: string;
  tenant: string;
  environment: string;
}

/** The aliases every statement of packages/db uses: end_users u, tenants t, environments e. */
export const LICENSE_ALIASES: LicenseAliases = { user: 'u', tenant: 't', environment: 'e' };

/**
 * Users of one tenant, whose settings come from roster_internal_domains(:tenantParameter) (migration
 * 1765400000000), read once per statement: what the reads of users use, rather than joining the tenant and its
 * environment into every list (which tripled their planning time under row-level security).
 */
export interface TenantLicenseSettings {
  user: string;
  /** The name of the query parameter holding the tenant's id (set with bindLicenseSettings). */
  tenantParameter: string;
}

export const TENANT_LICENSE_SETTINGS: TenantLicenseSettings = { user: 'u', tenantParameter: 'licenseTenantId' };

/** Where a statement finds the settings a class depends on: joined rows, or one tenant's. */
export type LicenseSettings = LicenseAliases | TenantLicenseSettings;

/**
 * Rules 1–5 for an active registered user of the tenant named by a parameter: internal without a valid address,
 * when the tenant's settings make everyone internal (NULL domains), or when the address's domain is listed.
 * Equal to isInternalSql by construction (roster_internal_domains returns NULL exactly where it would be true for
 * every address); the property tests hold both to classifyUser.
 */
function tenantInternalSql({ user: u, tenantParameter }: TenantLicenseSettings): string {
  const domains = `(SELECT roster_internal_domains(:${tenantParameter}))`;
  return `(${u}.license_domain IS NULL OR coalesce(${u}.license_domain = ANY (coalesce(${domains}, ARRAY[${u}.license_domain])), false))`;
}

function internalSql(settings: LicenseSettings): string {
  return 'tenantParameter' in settings ? tenantInternalSql(settings) : isInternalSql(settings);
}

/**
 * Rules 1–5 for an active registered user. end_users.license_domain already applies rules 2–3 (NULL: no valid
 * address). coalesce keeps a NULL array element from turning "no match" into NULL (which would count the user
 * nowhere).
 */
export function isInternalSql({ user: u, tenant: t, environment: e }: LicenseAliases = LICENSE_ALIASES): string {
  return `(
  ${e}.classify_all_internal
  OR ${u}.license_domain IS NULL
  OR (cardinality(${e}.internal_domains) = 0 AND cardinality(${t}.internal_domains) = 0)
  OR coalesce(${u}.license_domain = ANY (${e}.internal_domains || ${t}.internal_domains), false)
)`;
}

/**
 * One predicate per class, each true for exactly the users of that class (they never overlap and never leave a
 * user out). Spelled per class rather than as `CASE … END = 'inactive'` so that a filter on `inactive` or
 * `anonymous` is a plain condition on the user's columns, which the planner can check inside the list's indexes
 * (is_active and kind are included in the username sort index) without reading the tenant's settings.
 */
export function licenseClassPredicates(settings: LicenseSettings = LICENSE_ALIASES): Record<UsageClass, string> {
  const u = settings.user;
  const internal = internalSql(settings);
  const registeredAndActive = `${u}.is_active AND ${u}.kind = 'registered'`;
  return {
    inactive: `NOT ${u}.is_active`,
    anonymous: `${u}.is_active AND ${u}.kind = 'anonymous'`,
    internal: `${registeredAndActive} AND ${internal}`,
    external: `${registeredAndActive} AND NOT ${internal}`,
  };
}

/** The class of the user row as text ('internal', 'external', 'anonymous' or 'inactive'). */
export function licenseClassSql(settings: LicenseSettings = LICENSE_ALIASES): string {
  const is = licenseClassPredicates(settings);
  return `(CASE WHEN ${is.inactive} THEN 'inactive' WHEN ${is.anonymous} THEN 'anonymous' WHEN ${is.internal} THEN 'internal' ELSE 'external' END)`;
}

/**
 * The class the user row has when active ('internal', 'external' or 'anonymous'): what an activation gives it,
 * and what it had before a deactivation. One read serves both sides of a change of is_active.
 */
export function activeLicenseClassSql(settings: LicenseSettings = LICENSE_ALIASES): string {
  const u = settings.user;
  return `(CASE WHEN ${u}.kind = 'anonymous' THEN 'anonymous' WHEN ${internalSql(settings)} THEN 'internal' ELSE 'external' END)`;
}

/** Users of any of `classes` (at least one), as one condition. */
export function licenseClassCondition(
  classes: readonly UsageClass[],
  settings: LicenseSettings = LICENSE_ALIASES,
): string {
  if (classes.length === 0) throw new Error('licenseClassCondition needs at least one class');
  const is = licenseClassPredicates(settings);
  return `(${[...new Set(classes)].map((usageClass) => `(${is[usageClass]})`).join(' OR ')})`;
}
