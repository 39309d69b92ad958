import { Injectable } from '@nestjs/common';
import { ScopesRepository } from '@roster/db';
import type { ResolvedScope } from '@roster/domain';
import { Caches } from '../cache/caches.js';
import { notFound } from '../common/problems.js';
import type { ScopeParam } from './authenticated.decorator.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const RESOURCES: Record<ScopeParam, string> = {
  accountId: 'Account',
  environmentId: 'Environment',
  tenantId: 'Tenant',
  operatorId: 'Operator',
  apiKeyId: 'API key',
  webhookId: 'Webhook',
  scimTokenId: 'SCIM token',
};

@Injectable()
export class ScopeResolver {
  constructor(
    private readonly scopes: ScopesRepository,
    private readonly caches: Caches,
  ) {}

  /**
   * Finds what the parameter names; a malformed or unknown id is simply not found. What an id belongs
   * to never changes while it exists, so it is cached until a deletion announces itself.
   */
  async resolve(param: ScopeParam, id: string | undefined): Promise<ResolvedScope> {
    const resource = RESOURCES[param];
    if (!id || !UUID.test(id)) throw notFound(resource, id ?? '(missing)');
    const scope: ResolvedScope | null = await this.caches.scopes.fill(`${param}:${id}`, () =>
      this.scopes.ownerOf(param, id),
    );
    if (!scope) throw notFound(resource, id);
    return scope;
  }

  static resourceName(param: ScopeParam): string {
    return RESOURCES[param];
  }
}
