import { Injectable } from '@nestjs/common';
import type { AccountTransaction, Application, DeclaredRole } from '@roster/db';
import { change } from '@roster/domain';
import { Work } from '../changes/work.js';
import { conflict } from '../common/problems.js';
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
  constructor(private readonly work: Work) {}

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
    return this.work.account(undefined, environmentId).run(async (data) => {
      // Serializes declarations per environment, so role keys cannot race past the uniqueness check.
      await data.environments.get(environmentId, { lock: true });
      const existing = await data.applications.find(environmentId, key);
      const before = existing ? await this.describe(data, existing) : null;
      const application = existing ?? data.applications.create(environmentId, key, input.name);
      application.name = input.name;
      await data.applications.save(application);

      const taken = await data.applications.roleKeysOfOthers(
        environmentId,
        application.id,
        input.roles.map((role) => role.key),
      );
      if (taken.length > 0) {
        const list = taken.map((row) => `"${row.key}" (application "${row.applicationKey}")`).join(', ');
        throw conflict(`Role keys are unique per environment, and these belong to another application: ${list}.`);
      }
      await data.applications.replaceRoles(environmentId, application.id, input.roles);

      const after = await this.describe(data, application);
      data.record(
        existing
          ? change('application.redeclared', application.id, before!, after)
          : change('application.declared', application.id, null, after),
      );
      return { created: !existing, application: after };
    });
  }

  async list(environmentId: string): Promise<{ items: ApplicationResponse[] }> {
    return this.work.account(undefined, environmentId).read(async (data) => {
      const applications = await data.applications.listOfEnvironment(environmentId);
      const roles = (await data.applications.roles(environmentId)).map(toRole);
      return {
        items: applications.map((application) => ({
          ...this.header(application),
          roles: roles.filter((role) => role.applicationKey === application.key),
        })),
      };
    });
  }

  async roles(environmentId: string): Promise<{ items: RoleResponse[] }> {
    const roles = await this.work
      .account(undefined, environmentId)
      .read((data) => data.applications.roles(environmentId));
    return { items: roles.map(toRole) };
  }

  private async describe(data: AccountTransaction, application: Application): Promise<ApplicationResponse> {
    const roles = await data.applications.roles(application.environmentId, application.id);
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
