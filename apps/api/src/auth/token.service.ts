import { Injectable } from '@nestjs/common';
import { CredentialsRepository } from '@roster/db';
import type { Actor, ActorRole } from '@roster/domain';
import { Caches, type CachedActor } from '../cache/caches.js';
import { InvalidationBus } from '../cache/invalidation.service.js';
import { Clock } from '../common/clock.js';
import { API_KEY_PREFIX, newSecret, sha256 } from './secrets.js';

/** How often a key's last use is written: a busy key must not write on every call. */
const KEY_USE_RESOLUTION_MS = 60_000;

/** Operator session tokens and API keys: issuing, resolving to an actor, revoking. */
@Injectable()
export class TokenService {
  /** When this replica last wrote each key's last use. */
  private readonly keyUseNoted = new Map<string, number>();

  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly caches: Caches,
    private readonly bus: InvalidationBus,
    private readonly clock: Clock,
  ) {}

  async issueSession(operatorId: string, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
    const token = newSecret();
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.credentials.insertSession(operatorId, sha256(token), expiresAt);
    return { token, expiresAt };
  }

  async revokeSession(token: string): Promise<void> {
    await this.credentials.deleteSession(sha256(token));
    await this.bus.announce({ kind: 'actors' });
  }

  /**
   * Resolves a bearer token to who is calling; null for unknown, expired or revoked tokens. Cached
   * (until a session's expiry at the latest): revocations, deletions and role changes announce
   * themselves and drop the cache on every replica.
   */
  async actorFor(token: string): Promise<Actor | null> {
    const hash = sha256(token);
    const found = await this.caches.actors.fill(
      hash.toString('hex'),
      () => this.lookUp(token, hash),
      (entry) => (entry.expiresAt === null ? Number.POSITIVE_INFINITY : entry.expiresAt - this.clock.now().getTime()),
    );
    if (!found) return null;
    if (found.actor.kind !== 'operator') this.noteKeyUse(found.actor.id);
    return found.actor;
  }

  private async lookUp(token: string, hash: Buffer): Promise<CachedActor | null> {
    const isApiKey = token.startsWith(API_KEY_PREFIX); // SCIM tokens too (SCIM_TOKEN_PREFIX extends it)
    const row = await this.credentials.tokenHolder(isApiKey ? 'api-key' : 'session', hash);
    if (!row) return null;
    const role = row.role as ActorRole;
    const tenantIds = role === 'tenant-admin' ? row.tenant_ids : [];
    const kind = !isApiKey ? 'operator' : row.purpose === 'scim' ? 'scim-token' : 'api-key';
    const environmentIds = await this.credentials.environmentsOfTenants(tenantIds);
    return {
      actor: {
        kind,
        id: row.id,
        role,
        accountId: row.account_id,
        tenantIds,
        environmentIds,
      },
      expiresAt: row.expires_at ? row.expires_at.getTime() : null,
    };
  }

  /** Records when a key was last used, at most once a minute per replica. */
  private noteKeyUse(id: string): void {
    const now = Date.now();
    if (now - (this.keyUseNoted.get(id) ?? 0) < KEY_USE_RESOLUTION_MS) return;
    this.keyUseNoted.set(id, now);
    // Best effort: a lost timestamp must not fail the request.
    this.credentials.noteApiKeyUse(id).catch(() => undefined);
  }
}
