import { describe, expect, it } from 'vitest';
import { loginUrl, safeRedirectTarget } from './session';

describe('safeRedirectTarget', () => {
  it('keeps paths of this site', () => {
    expect(safeRedirectTarget('/tenants/42?tab=users')).toBe('/tenants/42?tab=users');
  });

  it('refuses anything that could leave the site or loop', () => {
    for (const value of [
      null,
      '',
      'https://evil.test/',
      '//evil.test',
      '/\\evil.test',
      'javascript:alert(1)',
      '/login',
      '/logout',
    ]) {
      expect(safeRedirectTarget(value)).toBe('/');
    }
  });
});

describe('loginUrl', () => {
  it('sends the operator back where they were going', () => {
    expect(loginUrl(new URL('http://admin.test/'))).toBe('/login');
    expect(loginUrl(new URL('http://admin.test/usage?from=2025'))).toBe('/login?redirectTo=%2Fusage%3Ffrom%3D2025');
  });
});
