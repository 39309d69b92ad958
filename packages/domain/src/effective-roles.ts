/**
 * Effective roles (DESIGN.md §2): direct grants ∪ roles of every group the user is in, restricted to
 * active roles, and none at all while the user is inactive. Each role lists where it comes from.
 *
 * A grant may expire (issue 18): from its `expiresAt` on, it counts for nothing, at that very instant and not
 * when the worker gets round to removing it. grantsInForce applies that instant; collectEffectiveRoles folds
 * what is left.
 */

export interface RoleInfo {
  key: string;
  name: string;
  applicationKey: string;
  isActive: boolean;
}

/**
 * Where a role comes from: a direct grant, or a grant to a group the user is in; `expiresAt` (ISO 8601) only when
 * that grant expires.
 */
export type RoleSource = ({ type: 'direct' } | { type: 'group'; groupId: string; groupName: string }) & {
  expiresAt?: string;
};

/** One way a user holds a role: a direct grant, or a grant to a group the user is in. */
export interface RoleGrant {
  role: RoleInfo;
  source: RoleSource;
}

export interface EffectiveRole {
  key: string;
  name: string;
  applicationKey: string;
  sources: RoleSource[];
}

export interface EffectiveRoles {
  items: EffectiveRole[];
  /** True while the user is inactive: every grant is kept, none counts. */
  suspended: boolean;
  /** While suspended: the roles reactivation gives back, with their sources (what `items` would be). */
  restoredOnActivation?: EffectiveRole[];
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareSources(a: RoleSource, b: RoleSource): number {
  if (a.type === 'direct' || b.type === 'direct') return a.type === b.type ? 0 : a.type === 'direct' ? -1 : 1;
  return byCodePoint(a.groupName.toLowerCase(), b.groupName.toLowerCase()) || byCodePoint(a.groupId, b.groupId);
}

/**
 * Folds the grants a user holds into effective roles: inactive roles drop out, the sources of one
 * role are merged (direct first, then groups by name), roles are ordered by key. Every grant given counts:
 * expired ones are the caller's to leave out first (grantsInForce, at the caller's clock).
 */
export function collectEffectiveRoles(userIsActive: boolean, grants: readonly RoleGrant[]): EffectiveRoles {
  if (!userIsActive) {
    return { items: [], suspended: true, restoredOnActivation: collectEffectiveRoles(true, grants).items };
  }
  const byKey = new Map<string, EffectiveRole>();
  for (const { role, source } of grants) {
    if (!role.isActive) continue;
    let entry = byKey.get(role.key);
    if (!entry) {
      entry = { key: role.key, name: role.name, applicationKey: role.applicationKey, sources: [] };
      byKey.set(role.key, entry);
    }
    const duplicate = entry.sources.some(
      (known) =>
        known.type === source.type &&
        (source.type === 'direct' || (known.type === 'group' && known.groupId === source.groupId)),
    );
    if (!duplicate) entry.sources.push(source);
  }
  const items = [...byKey.values()].sort((a, b) => byCodePoint(a.key, b.key));
  for (const item of items) item.sources.sort(compareSources);
  return { items, suspended: false };
}

/** Whether a grant expiring at `expiresAt` (none: never) still counts at `at`: it stops at that very instant. */
export function grantInForce(expiresAt: string | Date | null | undefined, at: Date): boolean {
  return expiresAt === null || expiresAt === undefined || new Date(expiresAt).getTime() > at.getTime();
}

/** The grants that still count at `at`: those without an expiry, and those expiring after it. */
export function grantsInForce<G extends { source: RoleSource }>(grants: readonly G[], at: Date): G[] {
  return grants.filter((grant) => grantInForce(grant.source.expiresAt, at));
}

/**
 * The first instant at which one of these effective roles is lost to an expiry, or null when none expires: a
 * role lasts as long as its longest-lasting source (one without expiry: for ever). An access token carrying the
 * roles must not outlive it.
 */
export function effectiveRolesUntil(items: readonly EffectiveRole[]): Date | null {
  let until: number | null = null;
  for (const item of items) {
    const ends = item.sources.map((source) => (source.expiresAt ? Date.parse(source.expiresAt) : Infinity));
    const lasts = Math.max(...ends);
    if (Number.isFinite(lasts) && (until === null || lasts < until)) until = lasts;
  }
  return until === null ? null : new Date(until);
}

/** A grant of the graph, expiring at `expiresAt` (ISO 8601) when it has one. */
type GraphGrant<Holder> = Holder & { roleId: string; expiresAt?: string };

/** The whole grant graph of a tenant, as plain data: the reference model the API is tested against. */
export interface RoleGraph {
  users: readonly { id: string; isActive: boolean }[];
  groups: readonly { id: string; name: string }[];
  roles: readonly (RoleInfo & { id: string })[];
  memberships: readonly { userId: string; groupId: string }[];
  directGrants: readonly GraphGrant<{ userId: string }>[];
  groupGrants: readonly GraphGrant<{ groupId: string }>[];
}

const expiryOf = (grant: { expiresAt?: string }) => (grant.expiresAt ? { expiresAt: grant.expiresAt } : {});

/** The effective roles of one user at `at`, straight from the definition over the whole graph. */
export function effectiveRolesInGraph(graph: RoleGraph, userId: string, at: Date = new Date()): EffectiveRoles {
  const user = graph.users.find((candidate) => candidate.id === userId);
  if (!user) throw new Error(`user ${userId} is not in the graph`);
  const roles = new Map(graph.roles.map((role) => [role.id, role]));
  const groups = new Map(graph.groups.map((group) => [group.id, group]));
  const grants: RoleGrant[] = [];
  for (const grant of graph.directGrants) {
    const role = roles.get(grant.roleId);
    if (grant.userId === userId && role && grantInForce(grant.expiresAt, at)) {
      grants.push({ role, source: { type: 'direct', ...expiryOf(grant) } });
    }
  }
  for (const membership of graph.memberships) {
    const group = groups.get(membership.groupId);
    if (membership.userId !== userId || !group) continue;
    for (const grant of graph.groupGrants) {
      const role = roles.get(grant.roleId);
      if (grant.groupId === group.id && role && grantInForce(grant.expiresAt, at)) {
        grants.push({
          role,
          source: { type: 'group', groupId: group.id, groupName: group.name, ...expiryOf(grant) },
        });
      }
    }
  }
  return collectEffectiveRoles(user.isActive, grants);
}

/** Whether the user holds the role right now (API.md §5 check-role). */
export function holdsRole(effective: EffectiveRoles, roleKey: string): boolean {
  return effective.items.some((item) => item.key === roleKey);
}
