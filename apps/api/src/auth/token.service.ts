import { Injectable } from '@nestjs/common';
import type { Actor, ActorRole } from '@roster/domain';
import { DataSource } from 'typeorm';
import { Caches, type CachedActor } from '../cache/caches.js';
import { InvalidationBus } from '../cache/invalidation.service.js';
import { Clock } from '../common/clock.js';
import { API_KEY_PREFIX, newSecret, sha256 } from './secrets.js';

interface SessionRow {
  id: string;
  role: ActorRole;
  account_id: string | null;
  tenant_ids: string[];
  /** Sessions only: API keys live until they are deleted. */
  expires_at?: Date;
}

/** How often a key's last use is written: a busy key must not write on every call. */
const KEY_USE_RESOLUTION_MS = 60_000;

/** Operator session tokens and API keys: issuing, resolving to an actor, revoking. */
@Injectable()
export class TokenService {
  /** When this replica last wrote each key's last use. */
  private readonly keyUseNoted = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly caches: Caches,
    private readonly bus: InvalidationBus,
    private readonly clock: Clock,
  ) {}

  async issueSession(operatorId: string, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
    const token = newSecret();
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.dataSource.query(
      `INSERT INTO operator_sessions (id, operator_id, token_hash, expires_at) VALUES (gen_random_uuid(), $1, $2, $3)`,
      [operatorId, sha256(token), expiresAt],
    );
    return { token, expiresAt };
  }

  async revokeSession(token: string): Promise<void> {
    await this.dataSource.query('DELETE FROM operator_sessions WHERE token_hash = $1', [sha256(token)]);
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
    if (found.actor.kind === 'api-key') this.noteKeyUse(found.actor.id);
    return found.actor;
  }

  private async lookUp(token: string, hash: Buffer): Promise<CachedActor | null> {
    const isApiKey = token.startsWith(API_KEY_PREFIX);
    const rows: SessionRow[] = isApiKey
      ? await this.dataSource.query('SELECT id, role, account_id, tenant_ids FROM api_keys WHERE key_hash = $1', [hash])
      : await this.dataSource.query(
          `SELECT o.id, o.role, o.account_id, o.tenant_ids, s.expires_at
           FROM operator_sessions s JOIN operators o ON o.id = s.operator_id
           WHERE s.token_hash = $1 AND s.expires_at > now()`,
          [hash],
        );
    const row = rows[0];
    if (!row) return null;
    const environmentIds =
      row.role === 'tenant-admin' && row.tenant_ids.length > 0
        ? (
            await this.dataSource.query<{ environment_id: string }[]>(
              'SELECT DISTINCT environment_id FROM tenants WHERE id = ANY($1)',
              [row.tenant_ids],
            )
          ).map((r) => r.environment_id)
        : [];
    return {
      actor: {
        kind: isApiKey ? 'api-key' : 'operator',
        id: row.id,
        role: row.role,
        accountId: row.account_id,
        tenantIds: row.role === 'tenant-admin' ? row.tenant_ids : [],
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
    this.dataSource.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [id]).catch(() => undefined);
  }
}
