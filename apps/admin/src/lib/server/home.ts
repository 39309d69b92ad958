import type { Operator } from '$lib/types';

/** Where an operator lands after signing in: the page their role is for. */
export function homeOf(operator: Operator): string {
  if (operator.role === 'platform-admin' || operator.accountId === null) return '/accounts';
  const account = `/accounts/${operator.accountId}`;
  switch (operator.role) {
    case 'billing':
      return `${account}/usage`;
    case 'tenant-admin':
      return `${account}/tenants`;
    default:
      return account;
  }
}
