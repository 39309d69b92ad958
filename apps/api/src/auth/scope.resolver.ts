import { Injectable } from '@nestjs/common';
import type { ResolvedScope } from '@roster/domain';
import { DataSource } from 'typeorm';
import { Caches } from '../cache/caches.js';
import { notFound } from '../common/problems.js';
import type { ScopeParam } from './authenticated.decorator.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** For each kind of path parameter: how to find the account (and environment, tenant) it belongs to. */
const LOOKUPS: Record<ScopeParam, { resource: string; sql: string }> = {
  accountId: { resource: 'Account', sql: 'SELECT id AS "accountId" FROM accounts WHERE id = $1' },
  environmentId: {
    resource: 'Environment',
    sql: 'SELECT account_id AS "accountId", id AS "environmentId" FROM environments WHERE id = $1',
  },
  tenantId: {
    resource: 'Tenant',
    sql: `SELECT account_id AS "accountId", environment_id AS "environmentId", id AS "tenantId"
          FROM tenants WHERE id = $1`,
  },
  // The platform admin is no account's operator: it cannot be reached through these routes.
  operatorId: {
    resource: 'Operator',
    sql: 'SELECT account_id AS "accountId" FROM operators WHERE id = $1 AND account_id IS NOT NULL',
  },
  apiKeyId: { resource: 'API key', sql: 'SELECT account_id AS "accountId" FROM api_keys WHERE id = $1' },
};

@Injectable()
export class ScopeResolver {
  constructor(
    private readonly dataSource: DataSource,
    private readonly caches: Caches,
  ) {}

  /**
   * Finds what the parameter names; a malformed or unknown id is simply not found. What an id belongs
   * to never changes while it exists, so it is cached until a deletion announces itself.
   */
  async resolve(param: ScopeParam, id: string | undefined): Promise<ResolvedScope> {
    const lookup = LOOKUPS[param];
    if (!id || !UUID.test(id)) throw notFound(lookup.resource, id ?? '(missing)');
    const scope = await this.caches.scopes.fill(`${param}:${id}`, async () => {
      const rows: ResolvedScope[] = await this.dataSource.query(lookup.sql, [id]);
      return rows[0] ?? null;
    });
    if (!scope) throw notFound(lookup.resource, id);
    return scope;
  }

  static resourceName(param: ScopeParam): string {
    return LOOKUPS[param].resource;
  }
}
