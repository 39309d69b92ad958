/** Roles an operator can hold (API.md §3). `platform-admin` runs the deployment. */
export type OperatorRole = 'platform-admin' | 'owner' | 'admin' | 'tenant-admin' | 'billing';

/** The signed-in console user, as `GET /api/v1/me` describes them. */
export interface Operator {
  id: string;
  username: string;
  role: OperatorRole | (string & {});
  accountId: string | null;
  tenantIds: string[];
}

const roleDescriptions: Record<OperatorRole, string> = {
  'platform-admin': 'Runs this Roster deployment: accounts and their subscriptions.',
  owner: 'Everything in the account, including operators and API keys.',
  admin: 'Environments, tenants, applications and end users.',
  'tenant-admin': 'End users, groups and role grants of the assigned tenants.',
  billing: 'Reads usage only.',
};

export function describeRole(role: string): string {
  return roleDescriptions[role as OperatorRole] ?? 'Console operator.';
}

const roleBadges: Partial<Record<OperatorRole, string>> = {
  owner: 'badge badge-accent',
  admin: 'badge badge-success',
  'tenant-admin': 'badge badge-outline',
  billing: 'badge badge-warning',
};

/** The badge classes of an account role, so a role has the same colour in every list. */
export function roleBadgeClass(role: string): string {
  return roleBadges[role as OperatorRole] ?? 'badge';
}
