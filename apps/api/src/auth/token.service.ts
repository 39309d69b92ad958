import { Injectable } from '@nestjs/common';
import type { Actor, ActorRole } from '@roster/domain';
import { DataSource } from 'typeorm';
import { API_KEY_PREFIX, newSecret, sha256 } from './secrets.js';

interface SessionRow {
  id: string;
  last_used_at?: Date | null;
  role: ActorRole;
  account_id: string | null;
  tenant_ids: string[];
}

/** Operator session tokens and API keys: issuing, resolving to an actor, revoking. */
@Injectable()
export class TokenService {
  constructor(private readonly dataSource: DataSource) {}

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
  }

  /** Resolves a bearer token to who is calling; null for unknown, expired or revoked tokens. */
  async actorFor(token: string): Promise<Actor | null> {
    const isApiKey = token.startsWith(API_KEY_PREFIX);
    const rows: SessionRow[] = isApiKey
      ? await this.dataSource.query(
          'SELECT id, role, account_id, tenant_ids, last_used_at FROM api_keys WHERE key_hash = $1',
          [sha256(token)],
        )
      : await this.dataSource.query(
          `SELECT o.id, o.role, o.account_id, o.tenant_ids
           FROM operator_sessions s JOIN operators o ON o.id = s.operator_id
           WHERE s.token_hash = $1 AND s.expires_at > now()`,
          [sha256(token)],
        );
    const row = rows[0];
    if (!row) return null;
    if (isApiKey) this.noteKeyUse(row);
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
      kind: isApiKey ? 'api-key' : 'operator',
      id: row.id,
      role: row.role,
      accountId: row.account_id,
      tenantIds: row.role === 'tenant-admin' ? row.tenant_ids : [],
      environmentIds,
    };
  }

  /** Records when a key was last used, at most once a minute so a busy key does not write on every call. */
  private noteKeyUse(row: SessionRow): void {
    if (row.last_used_at && Date.now() - row.last_used_at.getTime() < 60_000) return;
    this.dataSource.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [row.id]).catch(() => undefined); // best effort: a lost timestamp must not fail the request
  }
}
