import type { RosterClient, Schemas } from '@roster/api-client';
import { callApi, ServiceError } from './errors';

export type Application = Schemas['Application'];
export type Role = Schemas['Role'];

/** The environment's applications, each with the roles it declared (inactive ones included). */
export async function listApplications(api: RosterClient, environmentId: string): Promise<Application[]> {
  const list = await callApi(() =>
    api.GET('/api/v1/environments/{environmentId}/applications', { params: { path: { environmentId } } }),
  );
  return list.items;
}

/** Every role of the environment's applications, inactive ones included (they keep their grants). */
export async function listRoles(api: RosterClient, environmentId: string): Promise<Role[]> {
  const list = await callApi(() =>
    api.GET('/api/v1/environments/{environmentId}/roles', { params: { path: { environmentId } } }),
  );
  return list.items;
}

/** One role of the environment by key; a key no application declared is a 404 ServiceError. */
export async function getRole(api: RosterClient, environmentId: string, roleKey: string): Promise<Role> {
  const role = (await listRoles(api, environmentId)).find((candidate) => candidate.key === roleKey);
  if (!role) {
    throw new ServiceError(
      'not-found',
      404,
      `No application of this environment declares a role with the key “${roleKey}”. Check the key, or pick the role from the Roles tab.`,
    );
  }
  return role;
}
