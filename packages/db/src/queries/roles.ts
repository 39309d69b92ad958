import type { EntityManager } from 'typeorm';
import { newId } from '../entities/base.js';

/** A declared role with its application's key, as role lists show it. */
export interface DeclaredRole {
  key: string;
  name: string;
  description: string;
  applicationKey: string;
  isActive: boolean;
}

/** The environment's roles (of one application when given), ordered by key. */
export function rolesOfEnvironment(
  manager: EntityManager,
  environmentId: string,
  applicationId?: string,
): Promise<DeclaredRole[]> {
  return manager.query(
    `SELECT r.key, r.name, r.description, a.key AS "applicationKey", r.is_active AS "isActive"
       FROM roles r JOIN applications a ON a.id = r.application_id
      WHERE r.environment_id = $1 AND ($2::uuid IS NULL OR r.application_id = $2)
      ORDER BY r.key`,
    [environmentId, applicationId ?? null],
  );
}

/** Which of these role keys another application of the environment declares (role keys are unique per environment). */
export function roleKeysOfOtherApplications(
  manager: EntityManager,
  environmentId: string,
  applicationId: string,
  keys: readonly string[],
): Promise<{ key: string; applicationKey: string }[]> {
  return manager.query(
    `SELECT r.key, a.key AS "applicationKey" FROM roles r JOIN applications a ON a.id = r.application_id
      WHERE r.environment_id = $1 AND r.key = ANY($2) AND r.application_id <> $3 ORDER BY r.key`,
    [environmentId, keys, applicationId],
  );
}

/**
 * Makes the application's roles exactly those declared: listed ones are created or (re)activated with their
 * names, the application's other roles become inactive (kept with their grants, granting nothing).
 */
export async function replaceDeclaredRoles(
  manager: EntityManager,
  environmentId: string,
  applicationId: string,
  roles: readonly { key: string; name: string; description?: string | undefined }[],
): Promise<void> {
  const keys = roles.map((role) => role.key);
  await manager.query(
    `INSERT INTO roles (id, environment_id, application_id, key, name, description, is_active)
     SELECT id, $1, $2, key, name, description, true
     FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[]) AS d(id, key, name, description)
     ON CONFLICT (environment_id, key) DO UPDATE
       SET name = excluded.name, description = excluded.description, is_active = true, updated_at = now()`,
    [
      environmentId,
      applicationId,
      roles.map(() => newId()),
      keys,
      roles.map((role) => role.name),
      roles.map((role) => role.description ?? ''),
    ],
  );
  await manager.query(
    `UPDATE roles SET is_active = false, updated_at = now()
      WHERE application_id = $1 AND is_active AND NOT (key = ANY($2))`,
    [applicationId, keys],
  );
}
