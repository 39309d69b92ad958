import { Injectable } from '@nestjs/common';
import {
  Application,
  type DeclaredRole,
  Environment,
  replaceDeclaredRoles,
  roleKeysOfOtherApplications,
  rolesOfEnvironment,
} from '@roster/db';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { InvalidationBus } from '../cache/invalidation.service.js';
import { conflict, notFound } from '../common/problems.js';
import type { ApplicationResponse, DeclareApplicationInput, RoleResponse } from './application.schemas.js';

const toRole = ({ key, name, description, applicationKey, isActive }: DeclaredRole): RoleResponse => ({
  key,
  name,
  description,
  applicationKey,
  isActive,
});

@Injectable()
export class ApplicationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly bus: InvalidationBus,
  ) {}

  /**
   * Declares an application's roles (a deployment runs this): listed roles are created or
   * (re)activated, roles of this application that are not listed become inactive — kept,
   * with their grants, but granting nothing until declared again.
   */
  async declare(
    environmentId: string,
    key: string,
    input: DeclareApplicationInput,
  ): Promise<{ created: boolean; application: ApplicationResponse }> {
    const declared = await this.dataSource.transaction(async (manager) => {
      // Serializes declarations per environment, so role keys cannot race past the uniqueness check.
      const environment = await manager.findOne(Environment, {
        where: { id: environmentId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!environment) throw notFound('Environment', environmentId);

      const existing = await manager.findOneBy(Application, { environmentId, key });
      const before = existing ? await this.describe(manager, existing) : null;
      const application = existing ?? manager.create(Application, { environmentId, key, name: input.name });
      application.name = input.name;
      await manager.save(application);

      const taken = await roleKeysOfOtherApplications(
        manager,
        environmentId,
        application.id,
        input.roles.map((role) => role.key),
      );
      if (taken.length > 0) {
        const list = taken.map((row) => `"${row.key}" (application "${row.applicationKey}")`).join(', ');
        throw conflict(`Role keys are unique per environment, and these belong to another application: ${list}.`);
      }
      await replaceDeclaredRoles(manager, environmentId, application.id, input.roles);

      const after = await this.describe(manager, application);
      await this.audit.record(manager, {
        accountId: environment.accountId,
        action: existing ? 'application.redeclared' : 'application.declared',
        targetType: 'application',
        targetId: application.id,
        before,
        after,
      });
      return { created: !existing, application: after };
    });
    // Roles may have been (de)activated: every cached role check of the environment is stale.
    await this.bus.announce({ kind: 'environment', environmentId });
    return declared;
  }

  async list(environmentId: string): Promise<{ items: ApplicationResponse[] }> {
    const applications = await this.dataSource.getRepository(Application).find({
      where: { environmentId },
      order: { key: 'ASC' },
    });
    const roles = (await rolesOfEnvironment(this.dataSource.manager, environmentId)).map(toRole);
    return {
      items: applications.map((application) => ({
        ...this.header(application),
        roles: roles.filter((role) => role.applicationKey === application.key),
      })),
    };
  }

  async roles(environmentId: string): Promise<{ items: RoleResponse[] }> {
    return { items: (await rolesOfEnvironment(this.dataSource.manager, environmentId)).map(toRole) };
  }

  private async describe(manager: EntityManager, application: Application): Promise<ApplicationResponse> {
    const roles = await rolesOfEnvironment(manager, application.environmentId, application.id);
    return { ...this.header(application), roles: roles.map(toRole) };
  }

  private header(application: Application) {
    return {
      key: application.key,
      name: application.name,
      createdAt: application.createdAt.toISOString(),
      updatedAt: application.updatedAt.toISOString(),
    };
  }
}
