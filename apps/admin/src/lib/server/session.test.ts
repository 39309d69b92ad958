import { describe, expect, it } from 'vitest';
import { loginUrl, safeRedirectTarget } from './session';

const ORIGIN = 'http://admin.test';

describe('safeRedirectTarget', () => {
  it('keeps paths of this site', () => {
    expect(safeRedirectTarget('/tenants/42?tab=users', ORIGIN)).toBe('/tenants/42?tab=users');
    expect(safeRedirectTarget('/tenants/42/users?search=a%20b#top', ORIGIN)).toBe('/tenants/42/users?search=a%20b#top');
    expect(safeRedirectTarget('/loginhelp', ORIGIN)).toBe('/loginhelp');
  });

  it('returns the target as the browser will read it, percent-encoded', () => {
    expect(safeRedirectTarget('/a/../accounts?q=é', ORIGIN)).toBe('/accounts?q=%C3%A9');
    expect(safeRedirectTarget('/tenants/ü', ORIGIN)).toBe('/tenants/%C3%BC');
  });

  it('refuses anything that could leave the site or loop', () => {
    for (const value of [
      null,
      '',
      'https://evil.test/',
      '//evil.test',
      '/\\evil.test',
      'javascript:alert(1)',
      'accounts',
      '/login',
      '/login?redirectTo=/x',
      '/logout',
      '/./login',
      '/a/../logout',
    ]) {
      expect(safeRedirectTarget(value, ORIGIN), String(value)).toBe('/');
    }
  });

  it('refuses the spellings a browser turns into another host (issue 14, item 13)', () => {
    for (const value of [
      // What `?redirectTo=/%09/other-host/x` and `/%09%5C…` decode to: Chromium drops the tab.
      '/\t/other-host/x',
      '/\t\\other-host/x',
      '/\n/other-host',
      '/\r/other-host',
      '/\\/other-host',
      '/ /other-host',
      '/\u00a0/other-host',
      '/\u200b/other-host',
      '/\ufeff/other-host',
    ]) {
      expect(safeRedirectTarget(value, ORIGIN), JSON.stringify(value)).toBe('/');
    }
  });

  it('refuses characters that cannot go into a Location header (no 500)', () => {
    for (const value of [
      '/accounts\r\nSet-Cookie: x=1',
      '/accounts\u2028',
      '/accounts\u2029x',
      '/a\u0000',
      '/a\u007f',
      '/a\u0085',
    ]) {
      expect(safeRedirectTarget(value, ORIGIN), JSON.stringify(value)).toBe('/');
    }
  });

  it('works against the console’s own origin, e.g. behind a TLS proxy', () => {
    expect(safeRedirectTarget('/usage', 'https://console.example.com')).toBe('/usage');
    expect(safeRedirectTarget('//console.example.com.evil.test/', 'https://console.example.com')).toBe('/');
  });
});

describe('loginUrl', () => {
  it('sends the operator back where they were going', () => {
    expect(loginUrl(new URL('http://admin.test/'))).toBe('/login');
    expect(loginUrl(new URL('http://admin.test/usage?from=2025'))).toBe('/login?redirectTo=%2Fusage%3Ffrom%3D2025');
  });
});
