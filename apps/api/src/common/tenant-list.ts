import type { OperatorRole } from '@roster/domain';
import type { TenantsRepository } from '@roster/db';
import { badRequest } from './problems.js';

/**
 * The tenant list of an operator or API key: only a tenant-admin has one, and every entry
 * must be a tenant of the same account. Returns the de-duplicated list to store.
 */
export async function checkedTenantList(
  tenants: TenantsRepository,
  accountId: string,
  role: OperatorRole,
  tenantIds: readonly string[] | undefined,
): Promise<string[]> {
  const unique = [...new Set(tenantIds ?? [])];
  if (role !== 'tenant-admin') {
    if (unique.length > 0) {
      throw badRequest('Only a tenant-admin has a tenant list; every other role covers the whole account.', [
        { field: 'tenantIds', message: `must be empty for the ${role} role` },
      ]);
    }
    return [];
  }
  return accountTenants(tenants, accountId, unique, 'tenantIds');
}

/** The ids, de-duplicated, each checked to be a tenant of the account (a 400 naming those that are not). */
export async function accountTenants(
  tenants: TenantsRepository,
  accountId: string,
  tenantIds: readonly string[],
  field: string,
): Promise<string[]> {
  const unique = [...new Set(tenantIds)];
  if (unique.length === 0) return [];
  const known = await tenants.ofAccount(accountId, unique);
  const unknown = unique.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw badRequest(
      `These are not tenants of this account: ${unknown.join(', ')}.`,
      unknown.map((id) => ({ field, message: `${id} is not a tenant of this account` })),
    );
  }
  return unique;
}
