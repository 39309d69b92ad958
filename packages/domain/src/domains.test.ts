import { describe, expect, it } from 'vitest';
import { normalizeDomain, normalizeDomainList } from './domains.js';

describe('normalizeDomain', () => {
  it('lower-cases, trims and drops a trailing dot', () => {
    expect(normalizeDomain('  Acme.COM. ')).toEqual({ ok: true, domain: 'acme.com' });
  });
  it('keeps subdomains as distinct values', () => {
    expect(normalizeDomain('hr.acme.com')).toEqual({ ok: true, domain: 'hr.acme.com' });
  });
  it.each([
    ['', 'must not be empty'],
    ['user@acme.com', 'no "@"'],
    ['*.acme.com', 'wildcards'],
    ['localhost', 'two labels'],
    ['-acme.com', 'valid DNS name'],
    ['acme..com', 'valid DNS name'],
    ['ac me.com', 'valid DNS name'],
    [`${'a'.repeat(64)}.com`, 'valid DNS name'],
    [`${'a.'.repeat(127)}com`, 'at most 253'],
  ])('refuses %j', (input, reason) => {
    const check = normalizeDomain(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toContain(reason);
  });
});

describe('normalizeDomainList', () => {
  it('de-duplicates after normalizing, keeping first order', () => {
    expect(normalizeDomainList(['b.com', 'A.com', 'a.com.', 'B.COM'])).toEqual({
      ok: true,
      domains: ['b.com', 'a.com'],
    });
  });
  it('reports every bad entry by index', () => {
    expect(normalizeDomainList(['ok.com', 'x@y.com', '*.z.com'])).toEqual({
      ok: false,
      errors: [
        { index: 1, reason: expect.stringContaining('@') },
        { index: 2, reason: expect.stringContaining('wildcard') },
      ],
    });
  });
});
