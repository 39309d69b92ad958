import { describe, expect, it } from 'vitest';
import { ADMINS, decideAccess, TENANT_MANAGERS, type Actor } from './access.js';

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
