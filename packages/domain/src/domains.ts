/**
 * Internal email domains (API.md §4): stored lower-cased without a trailing dot, each a
 * valid DNS name — no "@", no wildcard, at most 253 characters, labels of 1–63 letters,
 * digits or hyphens that neither start nor end with a hyphen, and at least two labels.
 */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type DomainCheck = { ok: true; domain: string } | { ok: false; reason: string };

export function normalizeDomain(input: string): DomainCheck {
  const domain = input.trim().toLowerCase().replace(/\.$/, '');
  if (domain.length === 0) return { ok: false, reason: 'must not be empty' };
  if (domain.length > 253) return { ok: false, reason: 'must be at most 253 characters' };
  if (domain.includes('@')) return { ok: false, reason: 'must be a domain, not an email address (no "@")' };
  if (domain.includes('*')) return { ok: false, reason: 'wildcards are not supported; list each domain exactly' };
  const labels = domain.split('.');
  if (labels.length < 2) return { ok: false, reason: 'must have at least two labels, like "example.com"' };
  if (!labels.every((label) => LABEL.test(label))) {
    return { ok: false, reason: 'is not a valid DNS name (letters, digits and hyphens between dots)' };
  }
  return { ok: true, domain };
}

/** Normalizes, validates and de-duplicates a domain list, keeping the first occurrence's order. */
export function normalizeDomainList(
  inputs: readonly string[],
): { ok: true; domains: string[] } | { ok: false; errors: { index: number; reason: string }[] } {
  const errors: { index: number; reason: string }[] = [];
  const domains = new Set<string>();
  inputs.forEach((input, index) => {
    const check = normalizeDomain(input);
    if (check.ok) domains.add(check.domain);
    else errors.push({ index, reason: check.reason });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, domains: [...domains] };
}
