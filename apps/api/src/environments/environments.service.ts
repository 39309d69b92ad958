import { Injectable } from '@nestjs/common';
import { Environment } from '@roster/db';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { InvalidationBus } from '../cache/invalidation.service.js';
import { mapPage, paginate } from '@roster/db';
import { conflict, notFound } from '../common/problems.js';
import { RequestContext } from '../common/request-context.js';
import type { PageQuery } from '../common/schemas.js';
import { UsageRecounts } from '../usage/usage-recounts.js';
import {
  type CreateEnvironmentInput,
  type EnvironmentResponse,
  toEnvironmentResponse,
  type UpdateEnvironmentInput,
} from './environment.schemas.js';

@Injectable()
export class EnvironmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly recounts: UsageRecounts,
    private readonly bus: InvalidationBus,
  ) {}

  async create(accountId: string, input: CreateEnvironmentInput): Promise<EnvironmentResponse> {
    return this.dataSource.transaction(async (manager) => {
      const environment = manager.create(Environment, {
        accountId,
        name: input.name,
        kind: input.kind,
        classifyAllInternal: input.classifyAllInternal ?? false,
        internalDomains: [],
      });
      await manager.save(environment);
      const after = toEnvironmentResponse(environment);
      await this.audit.record(manager, {
        accountId,
        action: 'environment.created',
        targetType: 'environment',
        targetId: environment.id,
        after,
      });
      return after;
    });
  }

  /** Tenant-admins see only the environments that hold their tenants. */
  async list(accountId: string, page: PageQuery) {
    const actor = RequestContext.actor;
    const query = this.dataSource
      .getRepository(Environment)
      .createQueryBuilder('e')
      .where('e.account_id = :accountId', { accountId });
    if (actor.role === 'tenant-admin') query.andWhere('e.id = ANY(:visible)', { visible: actor.environmentIds });
    const result = await paginate(query, page, {
      expression: 'lower(e.name)',
      idColumn: 'e.id',
    });
    return mapPage(result, toEnvironmentResponse);
  }

  async get(id: string): Promise<EnvironmentResponse> {
    return toEnvironmentResponse(await this.lock(this.dataSource.manager, id, false));
  }

  async update(id: string, input: UpdateEnvironmentInput): Promise<EnvironmentResponse> {
    const { before, after, accountId } = await this.dataSource.transaction(async (manager) => {
      const environment = await this.lock(manager, id);
      const before = toEnvironmentResponse(environment);
      Object.assign(environment, input);
      await manager.save(environment);
      const after = toEnvironmentResponse(environment);
      await this.audit.record(manager, {
        accountId: environment.accountId,
        action: 'environment.updated',
        targetType: 'environment',
        targetId: id,
        before,
        after,
      });
      return { before, after, accountId: environment.accountId };
    });
    // What the count reads of an environment (DESIGN.md §3); a rename moves nothing.
    if (before.kind !== after.kind || before.classifyAllInternal !== after.classifyAllInternal) {
      await this.recounts.requestSoon(accountId);
    }
    return after;
  }

  /** Refused while tenants exist: deleting an environment must never delete end users by surprise. */
  async remove(id: string): Promise<void> {
    const accountId = await this.dataSource.transaction(async (manager) => {
      const environment = await this.lock(manager, id);
      const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM tenants WHERE environment_id = $1', [
        id,
      ]);
      if (count > 0) {
        throw conflict(`The environment still has ${count} tenant(s); delete or move them first.`);
      }
      await manager.delete(Environment, { id });
      await this.audit.record(manager, {
        accountId: environment.accountId,
        action: 'environment.deleted',
        targetType: 'environment',
        targetId: id,
        before: toEnvironmentResponse(environment),
      });
      return environment.accountId;
    });
    await this.bus.announce({ kind: 'environment', environmentId: id }, { kind: 'scopes' });
    await this.recounts.requestSoon(accountId);
  }

  async getDomains(id: string): Promise<{ domains: string[] }> {
    const environment = await this.lock(this.dataSource.manager, id, false);
    return { domains: environment.internalDomains };
  }

  async replaceDomains(id: string, domains: string[]): Promise<{ domains: string[] }> {
    const { accountId, changed } = await this.dataSource.transaction(async (manager) => {
      const environment = await this.lock(manager, id);
      const before = { domains: environment.internalDomains };
      environment.internalDomains = domains;
      await manager.save(environment);
      await this.audit.record(manager, {
        accountId: environment.accountId,
        action: 'environment.internal-domains.replaced',
        targetType: 'environment',
        targetId: id,
        before,
        after: { domains },
      });
      return {
        accountId: environment.accountId,
        changed: JSON.stringify(before.domains) !== JSON.stringify(domains),
      };
    });
    if (changed) await this.recounts.requestSoon(accountId);
    return { domains };
  }

  private async lock(manager: EntityManager, id: string, forUpdate = true): Promise<Environment> {
    const environment = await manager.findOne(Environment, {
      where: { id },
      ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!environment) throw notFound('Environment', id);
    return environment;
  }
}
