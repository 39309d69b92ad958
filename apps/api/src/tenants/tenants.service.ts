import { Injectable } from '@nestjs/common';
import { Environment, Tenant } from '@roster/db';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { InvalidationBus } from '../cache/invalidation.service.js';
import { mapPage, paginate } from '@roster/db';
import { notFound } from '../common/problems.js';
import { RequestContext } from '../common/request-context.js';
import type { PageQuery } from '../common/schemas.js';
import { UsageRecounts } from '../usage/usage-recounts.js';
import { type TenantResponse, toTenantResponse } from './tenant.schemas.js';

@Injectable()
export class TenantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly recounts: UsageRecounts,
    private readonly bus: InvalidationBus,
  ) {}

  async create(environmentId: string, name: string): Promise<TenantResponse> {
    return this.dataSource.transaction(async (manager) => {
      const environment = await manager.findOneBy(Environment, { id: environmentId });
      if (!environment) throw notFound('Environment', environmentId);
      const tenant = manager.create(Tenant, {
        accountId: environment.accountId,
        environmentId,
        name,
        internalDomains: [],
      });
      await manager.save(tenant);
      const after = toTenantResponse(tenant);
      await this.audit.record(manager, {
        accountId: tenant.accountId,
        tenantId: tenant.id,
        action: 'tenant.created',
        targetType: 'tenant',
        targetId: tenant.id,
        after,
      });
      return after;
    });
  }

  /** Tenant-admins see only the tenants on their list. */
  async list(environmentId: string, page: PageQuery) {
    const actor = RequestContext.actor;
    const query = this.dataSource
      .getRepository(Tenant)
      .createQueryBuilder('t')
      .where('t.environment_id = :environmentId', { environmentId });
    if (actor.role === 'tenant-admin') query.andWhere('t.id = ANY(:visible)', { visible: actor.tenantIds });
    const result = await paginate(query, page, {
      expression: 'lower(t.name)',
      idColumn: 't.id',
    });
    return mapPage(result, toTenantResponse);
  }

  async get(id: string): Promise<TenantResponse> {
    return toTenantResponse(await this.find(this.dataSource.manager, id));
  }

  async rename(id: string, name: string | undefined): Promise<TenantResponse> {
    return this.dataSource.transaction(async (manager) => {
      const tenant = await this.find(manager, id, true);
      const before = toTenantResponse(tenant);
      if (name !== undefined) tenant.name = name;
      await manager.save(tenant);
      const after = toTenantResponse(tenant);
      await this.audit.record(manager, {
        accountId: tenant.accountId,
        tenantId: id,
        action: 'tenant.updated',
        targetType: 'tenant',
        targetId: id,
        before,
        after,
      });
      return after;
    });
  }

  /** Deletes the tenant with everything in it, and takes it off every tenant-admin's list. */
  async remove(id: string): Promise<void> {
    const accountId = await this.dataSource.transaction(async (manager) => {
      const tenant = await this.find(manager, id, true);
      await manager.query('UPDATE operators SET tenant_ids = array_remove(tenant_ids, $1) WHERE $1 = ANY(tenant_ids)', [
        id,
      ]);
      await manager.query('UPDATE api_keys SET tenant_ids = array_remove(tenant_ids, $1) WHERE $1 = ANY(tenant_ids)', [
        id,
      ]);
      await manager.delete(Tenant, { id });
      await this.audit.record(manager, {
        accountId: tenant.accountId,
        tenantId: id,
        action: 'tenant.deleted',
        targetType: 'tenant',
        targetId: id,
        before: toTenantResponse(tenant),
      });
      return tenant.accountId;
    });
    // Its users' role state, the scope of its id, and tenant-admins' lists (actors) all changed.
    await this.bus.announce({ kind: 'tenant', tenantId: id }, { kind: 'scopes' }, { kind: 'actors' });
    await this.recounts.requestSoon(accountId);
  }

  async getDomains(id: string): Promise<{ domains: string[] }> {
    return { domains: (await this.find(this.dataSource.manager, id)).internalDomains };
  }

  async replaceDomains(id: string, domains: string[]): Promise<{ domains: string[] }> {
    const { accountId, changed } = await this.dataSource.transaction(async (manager) => {
      const tenant = await this.find(manager, id, true);
      const before = { domains: tenant.internalDomains };
      tenant.internalDomains = domains;
      await manager.save(tenant);
      await this.audit.record(manager, {
        accountId: tenant.accountId,
        tenantId: id,
        action: 'tenant.internal-domains.replaced',
        targetType: 'tenant',
        targetId: id,
        before,
        after: { domains },
      });
      return { accountId: tenant.accountId, changed: JSON.stringify(before.domains) !== JSON.stringify(domains) };
    });
    if (changed) await this.recounts.requestSoon(accountId);
    return { domains };
  }

  private async find(manager: EntityManager, id: string, forUpdate = false): Promise<Tenant> {
    const tenant = await manager.findOne(Tenant, {
      where: { id },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!tenant) throw notFound('Tenant', id);
    return tenant;
  }
}
