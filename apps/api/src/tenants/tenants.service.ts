import { Injectable } from '@nestjs/common';
import { mapPage } from '@roster/db';
import { change, visibleTenantIds } from '@roster/domain';
import { Work } from '../changes/work.js';
import { RequestContext } from '../common/request-context.js';
import type { PageQuery } from '../common/schemas.js';
import { type TenantResponse, toTenantResponse } from './tenant.schemas.js';
import { toScimTokenResponse } from '../scim-tokens/scim-token.schemas.js';

@Injectable()
export class TenantsService {
  constructor(private readonly work: Work) {}

  async create(environmentId: string, name: string): Promise<TenantResponse> {
    return this.work.account().run(async (data) => {
      const environment = await data.environments.get(environmentId);
      const tenant = await data.tenants.save(
        data.tenants.create({ accountId: environment.accountId, environmentId, name, internalDomains: [] }),
      );
      const after = toTenantResponse(tenant);
      data.record(change('tenant.created', tenant.id, null, after));
      return after;
    });
  }

  /** Tenant-admins see only the tenants on their list. */
  async list(environmentId: string, page: PageQuery) {
    const visible = visibleTenantIds(RequestContext.actor);
    const result = await this.work.account().read((data) => data.tenants.list(environmentId, visible, page));
    return mapPage(result, toTenantResponse);
  }

  async get(id: string): Promise<TenantResponse> {
    return toTenantResponse(await this.work.account().read((data) => data.tenants.get(id)));
  }

  async rename(id: string, name: string | undefined): Promise<TenantResponse> {
    return this.work.account().run(async (data) => {
      const tenant = await data.tenants.get(id, { lock: true });
      const before = toTenantResponse(tenant);
      if (name !== undefined) tenant.name = name;
      await data.tenants.save(tenant);
      const after = toTenantResponse(tenant);
      data.record(change('tenant.updated', id, before, after));
      return after;
    });
  }

  /** Deletes the tenant with everything in it, and takes it off every tenant-admin's list. */
  async remove(id: string): Promise<void> {
    await this.work.account().run(async (data) => {
      const tenant = await data.tenants.get(id, { lock: true });
      // Its SCIM tokens go with it (each recorded, so every replica drops it from its cache at once).
      for (const token of await data.apiKeys.deleteScimTokensOf(id)) {
        data.record(change('scim-token.deleted', token.id, toScimTokenResponse(token), null));
      }
      await data.tenants.delete(id);
      data.record(change('tenant.deleted', id, toTenantResponse(tenant), null));
    });
  }

  async getDomains(id: string): Promise<{ domains: string[] }> {
    return { domains: (await this.work.account().read((data) => data.tenants.get(id))).internalDomains };
  }

  async replaceDomains(id: string, domains: string[]): Promise<{ domains: string[] }> {
    return this.work.account().run(async (data) => {
      const tenant = await data.tenants.get(id, { lock: true });
      const before = { domains: tenant.internalDomains };
      tenant.internalDomains = domains;
      await data.tenants.save(tenant);
      data.record(change('tenant.internal-domains.replaced', id, before, { domains }));
      return { domains };
    });
  }
}
