import { ADMINS, OWNER, PLATFORM_ADMIN, TENANT_MANAGERS, USAGE_READERS, type ActorRole } from '@roster/domain';

/**
 * What the signed-in operator may do, derived from the role lists the API's routes are declared
 * with (packages/domain), so the console offers exactly what the API will allow. The API still
 * decides: a hidden button is a courtesy, not a lock.
 */
export interface Capabilities {
  /** Runs the deployment: every account, account creation, subscriptions. */
  platformAdmin: boolean;
  /** Rename the account (owner); subscriptions stay with the platform admin. */
  renameAccount: boolean;
  /** Environments, their domains, and creating, renaming or deleting tenants. */
  manageEnvironments: boolean;
  /** End users, groups and role grants (of every tenant, or of the assigned ones). */
  manageUsers: boolean;
  readUsage: boolean;
  recountUsage: boolean;
  /** Operators and API keys. */
  manageOperators: boolean;
  readAccountAudit: boolean;
  /** Webhook endpoints, their secrets and delivery logs. */
  manageWebhooks: boolean;
  /** A tenant's SCIM tokens and its SCIM request log (the Provisioning page). */
  manageProvisioning: boolean;
}

export function capabilitiesOf(role: string): Capabilities {
  const allowed = (roles: readonly ActorRole[]) => role === PLATFORM_ADMIN || roles.includes(role as ActorRole);
  return {
    platformAdmin: role === PLATFORM_ADMIN,
    renameAccount: allowed(OWNER),
    manageEnvironments: allowed(ADMINS),
    manageUsers: allowed(TENANT_MANAGERS),
    readUsage: allowed(USAGE_READERS),
    recountUsage: allowed(ADMINS),
    manageOperators: allowed(OWNER),
    readAccountAudit: allowed(ADMINS),
    manageWebhooks: allowed(ADMINS),
    manageProvisioning: allowed(ADMINS),
  };
}
