import { grantInForce, type NamedRole, roleGranted, roleRevoked } from '@roster/domain';
import { badRequest } from '../common/problems.js';
import type { GrantTerms } from './role-grant.schemas.js';

/**
 * What every writer of grants (the single routes and the bulk grant-role / revoke-role) judges the same way, at
 * the API's Clock: the expiry a request asks for, and the change a written or removed grant records.
 */

type Holder = { type: 'user' | 'group'; id: string };

/**
 * The expiry the terms ask for: null when they give none (or null), which never expires. One that is not after
 * `now` is a 400: a grant that never counted is a mistake.
 */
export function grantExpiryOf(terms: GrantTerms, now: Date): Date | null {
  if (terms.expiresAt === undefined || terms.expiresAt === null) return null;
  const expiresAt = new Date(terms.expiresAt);
  if (!grantInForce(expiresAt, now)) {
    throw badRequest('The grant would have expired already: expiresAt must be in the future.', [
      { field: 'expiresAt', message: 'must be in the future' },
    ]);
  }
  return expiresAt;
}

/**
 * A grant written: it replaces the grant before it when that one was still in force at `now` (only its expiry
 * changed); one that had expired held nothing, so this is a new grant.
 */
export function grantWritten(
  holder: Holder,
  role: NamedRole,
  expiresAt: Date | null,
  previous: { expiresAt: Date | null } | null,
  now: Date,
) {
  const replaces = previous && grantInForce(previous.expiresAt, now) ? previous : null;
  return roleGranted(holder, role, { expiresAt, ...(replaces ? { replaces } : {}) });
}

/** A revoked grant, as it was; one that had expired already went because it expired (the sweep had not yet run). */
export function grantRemoved(holder: Holder, role: NamedRole, grant: { expiresAt: Date | null }, now: Date) {
  const expired = !grantInForce(grant.expiresAt, now);
  return roleRevoked(holder, role, {
    expiresAt: grant.expiresAt,
    ...(expired ? { reason: 'expired' as const } : {}),
  });
}
