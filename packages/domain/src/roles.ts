/** Roles an account operator or API key can hold (DESIGN.md §1). */
export const OPERATOR_ROLES = ['owner', 'admin', 'tenant-admin', 'billing'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** The deployment-wide administrator; not a member of any account. */
export const PLATFORM_ADMIN = 'platform-admin' as const;
export type ActorRole = OperatorRole | typeof PLATFORM_ADMIN;
export const ACTOR_ROLES = [PLATFORM_ADMIN, ...OPERATOR_ROLES] as const;

export function isOperatorRole(value: string): value is OperatorRole {
  return (OPERATOR_ROLES as readonly string[]).includes(value);
}
