import { describe, expect, it } from 'vitest';
import {
  ADMINS,
  decideAccess,
  TENANT_MANAGERS,
  type Actor,
  visibleAccountId,
  visibleEnvironmentIds,
  visibleTenantIds,
} from './access.js';

const actor = (role: Actor['role'], tenantIds: string[] = [], environmentIds: string[] = []): Actor => ({
  kind: 'operator',
  id: 'o1',
  role,
  accountId: role === 'platform-admin' ? null : 'acc-1',
  tenantIds,
  environmentIds,
});

describe('decideAccess', () => {
  it('lets the platform admin do everything', () => {
    expect(decideAccess(actor('platform-admin'), [], { accountId: 'acc-9' })).toBe('allow');
  });
  it('hides other accounts as not found, even from owners', () => {
    expect(decideAccess(actor('owner'), ADMINS, { accountId: 'acc-2' })).toBe('not-found');
  });
  it('forbids a role the route does not allow inside the own account', () => {
    expect(decideAccess(actor('billing'), ADMINS, { accountId: 'acc-1' })).toBe('forbidden');
  });
  it('hides tenants outside a tenant-admin list, even when the role would be allowed', () => {
    expect(decideAccess(actor('tenant-admin', ['t1']), TENANT_MANAGERS, { accountId: 'acc-1', tenantId: 't2' })).toBe(
      'not-found',
    );
    expect(decideAccess(actor('tenant-admin', ['t1']), TENANT_MANAGERS, { accountId: 'acc-1', tenantId: 't1' })).toBe(
      'allow',
    );
  });
  it('hides environments that hold none of a tenant-admin’s tenants', () => {
    const tenantAdmin = actor('tenant-admin', ['t1'], ['e1']);
    expect(decideAccess(tenantAdmin, TENANT_MANAGERS, { accountId: 'acc-1', environmentId: 'e2' })).toBe('not-found');
    expect(decideAccess(tenantAdmin, TENANT_MANAGERS, { accountId: 'acc-1', environmentId: 'e1' })).toBe('allow');
    expect(decideAccess(tenantAdmin, ADMINS, { accountId: 'acc-1', environmentId: 'e1' })).toBe('forbidden');
  });
  it('judges unscoped routes by role alone', () => {
    expect(decideAccess(actor('admin'), ADMINS, null)).toBe('allow');
    expect(decideAccess(actor('admin'), [], null)).toBe('forbidden');
  });
});

describe('what lists show (visibleTenantIds, visibleEnvironmentIds, visibleAccountId)', () => {
  it('narrows a tenant-admin to its tenants and their environments, and no one else', () => {
    const tenantAdmin = actor('tenant-admin', ['t1'], ['e1']);
    expect(visibleTenantIds(tenantAdmin)).toEqual(['t1']);
    expect(visibleEnvironmentIds(tenantAdmin)).toEqual(['e1']);
    for (const role of ['owner', 'admin', 'billing', 'platform-admin'] as const) {
      expect(visibleTenantIds(actor(role))).toBeNull();
      expect(visibleEnvironmentIds(actor(role))).toBeNull();
    }
  });
  it('shows the platform admin every account and anyone else only their own', () => {
    expect(visibleAccountId(actor('platform-admin'))).toBeNull();
    expect(visibleAccountId(actor('owner'))).toBe('acc-1');
    expect(visibleAccountId(actor('tenant-admin', ['t1']))).toBe('acc-1');
  });
  it('agrees with decideAccess: a row a list shows is one its route lets the actor see', () => {
    const tenantAdmin = actor('tenant-admin', ['t1', 't2'], ['e1']);
    for (const tenantId of ['t1', 't2', 't3']) {
      const listed = visibleTenantIds(tenantAdmin)!.includes(tenantId);
      const decision = decideAccess(tenantAdmin, TENANT_MANAGERS, { accountId: 'acc-1', tenantId });
      expect(decision === 'allow').toBe(listed);
    }
    for (const environmentId of ['e1', 'e2']) {
      const listed = visibleEnvironmentIds(tenantAdmin)!.includes(environmentId);
      const decision = decideAccess(tenantAdmin, TENANT_MANAGERS, { accountId: 'acc-1', environmentId });
      expect(decision === 'allow').toBe(listed);
    }
  });
});
