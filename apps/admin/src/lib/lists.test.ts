import { describe, expect, it } from 'vitest';
import { hrefWith, plural, sortDirection, toggledSort } from './lists';

describe('list URLs', () => {
  const url = new URL('http://console/tenants/t/users?search=ann&sort=-createdAt&cursor=abc');

  it('drops the cursor when anything else changes', () => {
    expect(hrefWith(url, { isActive: 'false' })).toBe('/tenants/t/users?search=ann&sort=-createdAt&isActive=false');
  });

  it('keeps the other parameters when only the cursor changes', () => {
    expect(hrefWith(url, { cursor: 'def' })).toBe('/tenants/t/users?search=ann&sort=-createdAt&cursor=def');
  });

  it('removes parameters set to null or empty', () => {
    expect(hrefWith(url, { search: '', sort: null })).toBe('/tenants/t/users');
  });

  it('toggles a column ascending, then descending', () => {
    expect(toggledSort('username', 'createdAt')).toBe('createdAt');
    expect(toggledSort('createdAt', 'createdAt')).toBe('-createdAt');
    expect(toggledSort('-createdAt', 'createdAt')).toBe('createdAt');
    expect(sortDirection('-createdAt', 'createdAt')).toBe('descending');
    expect(sortDirection('createdAt', 'createdAt')).toBe('ascending');
    expect(sortDirection('username', 'createdAt')).toBe('none');
  });

  it('counts in words', () => {
    expect(plural(1, 'user')).toBe('1 user');
    expect(plural(12345, 'user')).toBe('12,345 users');
    expect(plural(2, 'reply', 'replies')).toBe('2 replies');
  });
});
