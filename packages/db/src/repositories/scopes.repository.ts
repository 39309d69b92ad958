import type { EntityManager } from 'typeorm';

/** What a route's path parameter can name. */
export type ScopeKind =
  'accountId' | 'environmentId' | 'tenantId' | 'operatorId' | 'apiKeyId' | 'webhookId' | 'scimTokenId';

/** The account (and environment, tenant) a resource belongs to. */
export interface ScopeOwner {
  accountId: string;
  environmentId?: string;
  tenantId?: string;
}

/** For each kind of path parameter: how to find the account (and environment, tenant) it belongs to. */
const LOOKUPS: Record<ScopeKind, string> = {
  accountId: 'SELECT id AS "accountId" FROM accounts WHERE id = $1',
  environmentId: 'SELECT account_id AS "accountId", id AS "environmentId" FROM environments WHERE id = $1',
  tenantId: `SELECT account_id AS "accountId", environment_id AS "environmentId", id AS "tenantId"
               FROM tenants WHERE id = $1`,
  // The platform admin is no account's operator: it cannot be reached through these routes.
  operatorId: 'SELECT account_id AS "accountId" FROM operators WHERE id = $1 AND account_id IS NOT NULL',
  apiKeyId: 'SELECT account_id AS "accountId" FROM api_keys WHERE id = $1 AND purpose = \'api\'',
  scimTokenId: `SELECT k.account_id AS "accountId", t.environment_id AS "environmentId", t.id AS "tenantId"
    FROM api_keys k JOIN tenants t ON t.id = k.tenant_ids[1] WHERE k.id = $1 AND k.purpose = 'scim'`,
  webhookId: 'SELECT account_id AS "accountId" FROM webhook_endpoints WHERE id = $1',
};

/**
 * Where resources belong, read before any scope is known (these tables carry no row-level security): what
 * the access guard resolves a route's path parameter to.
 */
export class ScopesRepository {
  constructor(private readonly manager: EntityManager) {}

  async ownerOf(kind: ScopeKind, id: string): Promise<ScopeOwner | null> {
    const rows: ScopeOwner[] = await this.manager.query(LOOKUPS[kind], [id]);
    return rows[0] ?? null;
  }

  /** Whether the database answers at all (readiness). */
  async ping(): Promise<void> {
    await this.manager.query('SELECT 1');
  }

  /** Whether any account exists yet (demo data goes only into an empty deployment). */
  async anyAccount(): Promise<boolean> {
    const rows: unknown[] = await this.manager.query('SELECT 1 FROM accounts LIMIT 1');
    return rows.length > 0;
  }
}
