import type { ActorRole } from './roles.js';
import { PLATFORM_ADMIN } from './roles.js';

/** Who is calling: an operator session or an API key, already authenticated. */
export interface Actor {
  /** A SCIM token (an API key for SCIM alone) is refused everywhere but its tenant's SCIM routes. */
  kind: 'operator' | 'api-key' | 'scim-token';
  id: string;
  role: ActorRole;
  /** null only for the platform admin. */
  accountId: string | null;
  /** Tenants a tenant-admin may manage; empty for every other role. */
  tenantIds: readonly string[];
  /** Environments that hold those tenants: all a tenant-admin may see of the environment level. */
  environmentIds: readonly string[];
}

/** What a route touches, resolved from its path parameters. */
export interface ResolvedScope {
  accountId: string;
  environmentId?: string;
  tenantId?: string;
}

export type AccessDecision = 'allow' | 'forbidden' | 'not-found';

/**
 * Decides whether an actor may use a route that allows `roles` on `scope`.
 *
 * Anything outside the actor's account, or a tenant outside a tenant-admin's list, is
 * reported as not found so that ids leak nothing (DESIGN.md §5). Only inside what the
 * actor can see does a missing role become "forbidden".
 */
export function decideAccess(actor: Actor, roles: readonly ActorRole[], scope: ResolvedScope | null): AccessDecision {
  if (actor.role === PLATFORM_ADMIN) return 'allow';
  if (scope !== null && !sees(actor, scope)) return 'not-found';
  return roles.includes(actor.role) ? 'allow' : 'forbidden';
}

/**
 * Whether a scope lies inside what a (non-platform) actor sees: the visible* rules below, which the lists'
 * filters apply too, so a single resource and a list never disagree on what a tenant-admin may see.
 */
function sees(actor: Actor, scope: ResolvedScope): boolean {
  if (scope.accountId !== visibleAccountId(actor)) return false;
  const tenants = visibleTenantIds(actor);
  if (tenants !== null && scope.tenantId !== undefined && !tenants.includes(scope.tenantId)) return false;
  const environments = visibleEnvironmentIds(actor);
  if (environments !== null && scope.environmentId !== undefined && !environments.includes(scope.environmentId)) {
    return false;
  }
  return true;
}

/** Role groups routes are declared with, so every controller speaks the same words. */
export const ANY_ACCOUNT_ROLE: readonly ActorRole[] = ['owner', 'admin', 'tenant-admin', 'billing'];
export const OWNER: readonly ActorRole[] = ['owner'];
export const ADMINS: readonly ActorRole[] = ['owner', 'admin'];
export const TENANT_MANAGERS: readonly ActorRole[] = ['owner', 'admin', 'tenant-admin'];
export const USAGE_READERS: readonly ActorRole[] = ['owner', 'admin', 'billing'];
export const PLATFORM_ONLY: readonly ActorRole[] = [];

/**
 * What lists show an actor — the same rule decideAccess applies to single resources (DESIGN.md §5): null means
 * every row of the scope; a tenant-admin sees only its tenants and the environments that hold them.
 */
export function visibleTenantIds(actor: Actor): readonly string[] | null {
  return actor.role === 'tenant-admin' ? actor.tenantIds : null;
}

export function visibleEnvironmentIds(actor: Actor): readonly string[] | null {
  return actor.role === 'tenant-admin' ? actor.environmentIds : null;
}

/** The one account an actor sees, or null for the platform admin, who sees every account. */
export function visibleAccountId(actor: Actor): string | null {
  return actor.role === PLATFORM_ADMIN ? null : actor.accountId;
}
