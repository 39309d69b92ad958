import type { EntityManager } from 'typeorm';
import { Application } from '../entities/application.entity.js';
import {
  type DeclaredRole,
  replaceDeclaredRoles,
  roleKeysOfOtherApplications,
  rolesOfEnvironment,
} from '../queries/roles.js';

/** The applications deployed in environments, and the roles they declare. */
export class ApplicationsRepository {
  constructor(private readonly manager: EntityManager) {}

  find(environmentId: string, key: string): Promise<Application | null> {
    return this.manager.findOneBy(Application, { environmentId, key });
  }

  create(environmentId: string, key: string, name: string): Application {
    return this.manager.create(Application, { environmentId, key, name });
  }

  save(application: Application): Promise<Application> {
    return this.manager.save(application);
  }

  listOfEnvironment(environmentId: string): Promise<Application[]> {
    return this.manager.find(Application, { where: { environmentId }, order: { key: 'ASC' } });
  }

  /** The environment's roles (of one application when given), ordered by key. */
  roles(environmentId: string, applicationId?: string): Promise<DeclaredRole[]> {
    return rolesOfEnvironment(this.manager, environmentId, applicationId);
  }

  /** Which of these role keys another application of the environment declares. */
  roleKeysOfOthers(environmentId: string, applicationId: string, keys: readonly string[]) {
    return roleKeysOfOtherApplications(this.manager, environmentId, applicationId, keys);
  }

  /** Makes the application's roles exactly those declared (see replaceDeclaredRoles). */
  replaceRoles(
    environmentId: string,
    applicationId: string,
    roles: readonly { key: string; name: string; description?: string | undefined }[],
  ): Promise<void> {
    return replaceDeclaredRoles(this.manager, environmentId, applicationId, roles);
  }
}
