import { Global, Injectable, Module } from '@nestjs/common';
import type { Actor, ResolvedScope, RoleGrant } from '@roster/domain';
import { Clock } from '../common/clock.js';
import { type Invalidation, InvalidationBus } from './invalidation.service.js';
import { MemoryCache } from './memory-cache.js';

/** Who a token is, and until when (a session's expiry; null for API keys, which live until deleted). */
export interface CachedActor {
  actor: Actor;
  expiresAt: number | null;
}

/**
 * What role checks need of one user: whether it is active and every way it holds a role, as stored: each grant
 * with its expiry, expired or not. Time does not make it stale: its readers leave out the grants expired at
 * their Clock's now (RoleGrantsService.inForce), so an entry is right before and after any grant's instant.
 */
export interface UserRoleState {
  environmentId: string;
  isActive: boolean;
  grants: RoleGrant[];
}

/** The roles an environment's applications declared, by key: whether each exists and is active. */
export type RoleCatalog = ReadonlyMap<string, { isActive: boolean }>;

const MINUTE = 60_000;

/**
 * The API's in-process caches of what nearly every request reads and rarely changes: who a token
 * is, what a path's id belongs to, and the role state behind role checks (issue 7: check-role at
 * thousands of requests a second). Each is dropped by the invalidations that can make it wrong.
 */
@Injectable()
export class Caches {
  /** By SHA-256 of the token; at most a minute, or until the session expires. */
  readonly actors: MemoryCache<CachedActor>;
  /** By `<param>:<id>`: the account (environment, tenant) an id in a path belongs to. */
  readonly scopes: MemoryCache<ResolvedScope>;
  /** By environment id. */
  readonly roleCatalogs: MemoryCache<RoleCatalog>;
  /** By environment id: the keys of its applications, the `aud` of its tenants' access tokens. */
  readonly audiences: MemoryCache<readonly string[]>;
  /** By userRoleKey(tenantId, userId). */
  readonly userRoles: MemoryCache<UserRoleState>;
  /**
   * By tenantKey(tenantId, what is counted): how many of a tenant's users or groups a SCIM list matches (its
   * totalResults). Counting a tenant of a million users costs more than the page itself; an identity provider's
   * import asks for the same count with every page of it. Any change to the tenant drops its counts.
   */
  readonly listTotals: MemoryCache<number>;
  /**
   * Bumped by every change to a tenant's users, groups or grants, and part of its users' keys: every
   * tenant write drops the tenant's role states in O(1), where scanning the cache for them cost each
   * write (a user created, a membership added) a pass over up to 50,000 entries. Stale entries become
   * unreachable and age out; a fill that started before the bump stores under the old key.
   */
  private readonly tenantVersions = new Map<string, number>();

  constructor(bus: InvalidationBus, clock: Clock) {
    const enabled = () => bus.live;
    const now = () => clock.now().getTime();
    this.actors = new MemoryCache({ maxEntries: 10_000, ttlMs: MINUTE, enabled, now });
    this.scopes = new MemoryCache({ maxEntries: 50_000, ttlMs: 10 * MINUTE, enabled, now });
    this.roleCatalogs = new MemoryCache({ maxEntries: 1_000, ttlMs: 10 * MINUTE, enabled, now });
    this.audiences = new MemoryCache({ maxEntries: 1_000, ttlMs: 10 * MINUTE, enabled, now });
    // Bounded so a tenant of millions cannot grow the process: about 1 KiB an entry.
    this.userRoles = new MemoryCache({ maxEntries: 50_000, ttlMs: 5 * MINUTE, enabled, now });
    this.listTotals = new MemoryCache({ maxEntries: 10_000, ttlMs: 5 * MINUTE, enabled, now });
    bus.onChange((event) => this.invalidate(event));
  }

  userRoleKey(tenantId: string, userId: string): string {
    return this.tenantKey(tenantId, userId);
  }

  /** A key under the tenant's current version: unreachable after the tenant's next change. */
  tenantKey(tenantId: string, key: string): string {
    return `${tenantId}:${this.tenantVersions.get(tenantId) ?? 0}:${key}`;
  }

  private invalidate(event: Invalidation): void {
    switch (event.kind) {
      case 'all':
        for (const cache of [
          this.actors,
          this.scopes,
          this.roleCatalogs,
          this.audiences,
          this.userRoles,
          this.listTotals,
        ]) {
          cache.invalidate();
        }
        return;
      case 'actors':
        this.actors.invalidate();
        return;
      case 'scopes':
        this.scopes.invalidate();
        return;
      case 'tenant':
        this.tenantVersions.set(event.tenantId, (this.tenantVersions.get(event.tenantId) ?? 0) + 1);
        return;
      case 'environment':
        this.roleCatalogs.invalidate((key) => key === event.environmentId);
        this.audiences.invalidate((key) => key === event.environmentId);
        this.userRoles.invalidate((_key, state) => state.environmentId === event.environmentId);
        return;
    }
  }
}

@Global()
@Module({ providers: [InvalidationBus, Caches], exports: [InvalidationBus, Caches] })
export class CachesModule {}
