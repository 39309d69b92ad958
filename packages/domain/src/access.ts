import type { ActorRole } from './roles.js';
import { PLATFORM_ADMIN } from './roles.js';

/** Who is calling: an operator session or an API key, already authenticated. */
export interface Actor {
  kind: 'operator' | 'api-key';
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
  if (scope !== null) {
    if (scope.accountId !== actor.accountId) return 'not-found';
    if (actor.role === 'tenant-admin') {
      if (scope.tenantId !== undefined && !actor.tenantIds.includes(scope.tenantId)) return 'not-found';
      if (scope.environmentId !== undefined && !actor.environmentIds.includes(scope.environmentId)) return 'not-found';
    }
  }
  return roles.includes(actor.role) ? 'allow' : 'forbidden';
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
