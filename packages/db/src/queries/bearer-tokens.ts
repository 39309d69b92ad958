import type { DataSource } from 'typeorm';

/** Who holds a bearer token: an API key's or a live session's operator, with their scope. */
export interface TokenHolder {
  id: string;
  role: string;
  account_id: string | null;
  tenant_ids: string[];
  /** Sessions only: API keys live until they are deleted. */
  expires_at?: Date;
}

export async function insertOperatorSession(
  dataSource: DataSource,
  operatorId: string,
  tokenHash: Buffer,
  expiresAt: Date,
): Promise<void> {
  await dataSource.query(
    `INSERT INTO operator_sessions (id, operator_id, token_hash, expires_at) VALUES (gen_random_uuid(), $1, $2, $3)`,
    [operatorId, tokenHash, expiresAt],
  );
}

export async function deleteOperatorSession(dataSource: DataSource, tokenHash: Buffer): Promise<void> {
  await dataSource.query('DELETE FROM operator_sessions WHERE token_hash = $1', [tokenHash]);
}

/** The API key with this hash, or the operator of an unexpired session with it; null for neither. */
export async function findTokenHolder(
  dataSource: DataSource,
  kind: 'api-key' | 'session',
  tokenHash: Buffer,
): Promise<TokenHolder | null> {
  const rows: TokenHolder[] =
    kind === 'api-key'
      ? await dataSource.query('SELECT id, role, account_id, tenant_ids FROM api_keys WHERE key_hash = $1', [tokenHash])
      : await dataSource.query(
          `SELECT o.id, o.role, o.account_id, o.tenant_ids, s.expires_at
             FROM operator_sessions s JOIN operators o ON o.id = s.operator_id
            WHERE s.token_hash = $1 AND s.expires_at > now()`,
          [tokenHash],
        );
  return rows[0] ?? null;
}

/** The environments of these tenants (a tenant-admin's reach). */
export async function environmentsOfTenants(dataSource: DataSource, tenantIds: readonly string[]): Promise<string[]> {
  if (tenantIds.length === 0) return [];
  const rows: { environment_id: string }[] = await dataSource.query(
    'SELECT DISTINCT environment_id FROM tenants WHERE id = ANY($1)',
    [tenantIds],
  );
  return rows.map((row) => row.environment_id);
}

export async function noteApiKeyUse(dataSource: DataSource, id: string): Promise<void> {
  await dataSource.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [id]);
}
