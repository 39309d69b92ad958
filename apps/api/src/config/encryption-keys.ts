import { hkdfSync } from 'node:crypto';
import type { EncryptionKey } from '@roster/config';

/** ENCRYPTION_KEYS is read by @roster/config; its keys' type is re-exported for the API's crypto. */
export type { EncryptionKey } from '@roster/config';

/**
 * A key for one purpose (e.g. a keyed hash), derived from the current encryption key with HKDF, so one
 * configured secret serves every use without one use's key revealing another's.
 */
export function derivedKey(keys: readonly EncryptionKey[], purpose: string): Buffer {
  const current = keys[0]!;
  return Buffer.from(hkdfSync('sha256', current.key, Buffer.alloc(0), `roster:${purpose}`, 32));
}
