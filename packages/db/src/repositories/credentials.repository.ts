import { normalizeUsername } from '@roster/domain';
import type { EntityManager } from 'typeorm';
import { newId } from '../entities/base.js';
import { Operator } from '../entities/operator.entity.js';

/** Who holds a bearer token: an API key's or a live session's operator, with their scope. */
export interface TokenHolder {
  id: string;
  role: string;
  account_id: string | null;
  tenant_ids: string[];
  /** API keys only: 'scim' for a SCIM token. */
  purpose?: 'api' | 'scim';
  /** Sessions only: API keys live until they are deleted. */
  expires_at?: Date;
}

/**
 * Operator logins, sessions and API keys as the guard reads them: before any scope is known, so outside any
 * unit of work (these tables carry no row-level security). Also the platform admin's first-start bootstrap.
 */
export class CredentialsRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The operator a login names: usernames are unique across the deployment once normalized. */
  operatorByUsername(username: string): Promise<Operator | null> {
    return this.manager
      .getRepository(Operator)
      .createQueryBuilder('o')
      .where('o.username_key = :key', { key: normalizeUsername(username) })
      .getOne();
  }

  async replaceOperatorPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.manager.getRepository(Operator).update({ id }, { passwordHash });
  }

  async insertSession(operatorId: string, tokenHash: Buffer, expiresAt: Date): Promise<void> {
    await this.manager.query(
      'INSERT INTO operator_sessions (id, operator_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)',
      [newId(), operatorId, tokenHash, expiresAt],
    );
  }

  async deleteSession(tokenHash: Buffer): Promise<void> {
    await this.manager.query('DELETE FROM operator_sessions WHERE token_hash = $1', [tokenHash]);
  }

  /** The API key with this hash, or the operator of an unexpired session with it; null for neither. */
  async tokenHolder(kind: 'api-key' | 'session', tokenHash: Buffer): Promise<TokenHolder | null> {
    const rows: TokenHolder[] =
      kind === 'api-key'
        ? await this.manager.query(
            'SELECT id, role, account_id, tenant_ids, purpose FROM api_keys WHERE key_hash = $1',
            [tokenHash],
          )
        : await this.manager.query(
            `SELECT o.id, o.role, o.account_id, o.tenant_ids, s.expires_at
               FROM operator_sessions s JOIN operators o ON o.id = s.operator_id
              WHERE s.token_hash = $1 AND s.expires_at > now()`,
            [tokenHash],
          );
    return rows[0] ?? null;
  }

  /** The environments of these tenants (a tenant-admin's reach). */
  async environmentsOfTenants(tenantIds: readonly string[]): Promise<string[]> {
    if (tenantIds.length === 0) return [];
    const rows: { environment_id: string }[] = await this.manager.query(
      'SELECT DISTINCT environment_id FROM tenants WHERE id = ANY($1)',
      [tenantIds],
    );
    return rows.map((row) => row.environment_id);
  }

  async noteApiKeyUse(id: string): Promise<void> {
    await this.manager.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [id]);
  }

  /** What `GET /me` calls the caller: an operator's username, or an API key's name ('' once it is gone). */
  async displayName(kind: 'operator' | 'api-key', id: string): Promise<string> {
    const rows: { name: string }[] =
      kind === 'operator'
        ? await this.manager.query('SELECT username AS name FROM operators WHERE id = $1', [id])
        : await this.manager.query('SELECT name FROM api_keys WHERE id = $1', [id]);
    return rows[0]?.name ?? '';
  }

  /** The platform admin's id, or null before the first start made one. */
  async platformAdminId(): Promise<string | null> {
    const rows: { id: string }[] = await this.manager.query(
      `SELECT id FROM operators WHERE role = 'platform-admin' ORDER BY id LIMIT 1`,
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Creates the platform admin unless an operator holds the username already (two replicas starting together
   * must not both create one, nor fail): true when this call created it.
   */
  async insertPlatformAdmin(admin: { id: string; username: string; passwordHash: string }): Promise<boolean> {
    const inserted: { id: string }[] = await this.manager.query(
      `INSERT INTO operators (id, account_id, username, username_key, password_hash, role)
       VALUES ($1, NULL, $2, $3, $4, 'platform-admin')
       ON CONFLICT (username_key) DO NOTHING RETURNING id`,
      [admin.id, admin.username, normalizeUsername(admin.username), admin.passwordHash],
    );
    return inserted.length > 0;
  }
}
