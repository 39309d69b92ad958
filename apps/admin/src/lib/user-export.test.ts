import { describe, expect, it } from 'vitest';
import { userExportHref } from './user-export';

describe('userExportHref', () => {
  it('carries the filters that are set, the sort unless it is the default, and the format', () => {
    const filters = { search: 'ada lovelace', isActive: 'true', kind: '', licenseClass: '', groupId: '', roleKey: '' };
    expect(userExportHref('t1', filters, 'username', 'csv')).toBe(
      '/tenants/t1/users/export?search=ada+lovelace&isActive=true&format=csv',
    );
    expect(userExportHref('t1', { search: '', roleKey: 'crm.read' }, '-createdAt', 'jsonl')).toBe(
      '/tenants/t1/users/export?roleKey=crm.read&sort=-createdAt&format=jsonl',
    );
  });
});
