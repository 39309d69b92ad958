import { Injectable } from '@nestjs/common';
import { mapPage } from '@roster/db';
import { change, visibleEnvironmentIds } from '@roster/domain';
import { Work } from '../changes/work.js';
import { conflict } from '../common/problems.js';
import { RequestContext } from '../common/request-context.js';
import type { PageQuery } from '../common/schemas.js';
import {
  type CreateEnvironmentInput,
  type EnvironmentResponse,
  toEnvironmentResponse,
  type UpdateEnvironmentInput,
} from './environment.schemas.js';

@Injectable()
export class EnvironmentsService {
  constructor(private readonly work: Work) {}

  async create(accountId: string, input: CreateEnvironmentInput): Promise<EnvironmentResponse> {
    return this.work.account(accountId).run(async (data) => {
      const environment = await data.environments.save(
        data.environments.create({
          accountId,
          name: input.name,
          kind: input.kind,
          classifyAllInternal: input.classifyAllInternal ?? false,
          internalDomains: [],
        }),
      );
      const after = toEnvironmentResponse(environment);
      data.record(change('environment.created', environment.id, null, after));
      return after;
    });
  }

  /** Tenant-admins see only the environments that hold their tenants. */
  async list(accountId: string, page: PageQuery) {
    const visible = visibleEnvironmentIds(RequestContext.actor);
    const result = await this.work.account(accountId).read((data) => data.environments.list(accountId, visible, page));
    return mapPage(result, toEnvironmentResponse);
  }

  async get(id: string): Promise<EnvironmentResponse> {
    return toEnvironmentResponse(await this.work.account().read((data) => data.environments.get(id)));
  }

  async update(id: string, input: UpdateEnvironmentInput): Promise<EnvironmentResponse> {
    return this.work.account().run(async (data) => {
      const environment = await data.environments.get(id, { lock: true });
      const before = toEnvironmentResponse(environment);
      Object.assign(environment, input);
      await data.environments.save(environment);
      const after = toEnvironmentResponse(environment);
      data.record(change('environment.updated', id, before, after));
      return after;
    });
  }

  /** Refused while tenants exist: deleting an environment must never delete end users by surprise. */
  async remove(id: string): Promise<void> {
    await this.work.account().run(async (data) => {
      const environment = await data.environments.get(id, { lock: true });
      const count = await data.environments.tenantCount(id);
      if (count > 0) {
        throw conflict(`The environment still has ${count} tenant(s); delete or move them first.`);
      }
      await data.environments.delete(id);
      data.record(change('environment.deleted', id, toEnvironmentResponse(environment), null));
    });
  }

  async getDomains(id: string): Promise<{ domains: string[] }> {
    const environment = await this.work.account().read((data) => data.environments.get(id));
    return { domains: environment.internalDomains };
  }

  async replaceDomains(id: string, domains: string[]): Promise<{ domains: string[] }> {
    return this.work.account().run(async (data) => {
      const environment = await data.environments.get(id, { lock: true });
      const before = { domains: environment.internalDomains };
      environment.internalDomains = domains;
      await data.environments.save(environment);
      data.record(change('environment.internal-domains.replaced', id, before, { domains }));
      return { domains };
    });
  }
}
