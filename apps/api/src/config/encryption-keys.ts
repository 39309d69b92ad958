import { createHash, hkdfSync } from 'node:crypto';

/** One key-encryption key from ENCRYPTION_KEYS: 32 bytes, named so stored ciphertexts say which one they need. */
export interface EncryptionKey {
  id: string;
  key: Buffer;
}

/**
 * The development key: known to everyone, so production refuses to start without ENCRYPTION_KEYS. It lets a
 * developer's machine and the tests run with no setup, and data they encrypt stays readable across restarts.
 */
const DEVELOPMENT_KEYS: EncryptionKey[] = [
  { id: 'development', key: createHash('sha256').update('roster development key, not a secret').digest() },
];

const ENTRY = /^([A-Za-z0-9_.-]{1,32}):([A-Za-z0-9+/]{43}=)$/;

/**
 * ENCRYPTION_KEYS = `id:base64,id:base64…` (each 32 random bytes, e.g. `openssl rand -base64 32`). The first
 * key encrypts; every key listed decrypts, so a rotation adds a new key in front, re-encrypts, then drops the
 * old one (docs/deploy.md).
 */
export function readEncryptionKeys(
  env: Record<string, string | undefined>,
  nodeEnv: string,
  problems: string[],
): EncryptionKey[] {
  const value = env.ENCRYPTION_KEYS?.trim();
  if (!value) {
    if (nodeEnv === 'production') {
      problems.push(
        'ENCRYPTION_KEYS must be set in production: id:base64 of 32 random bytes (openssl rand -base64 32)',
      );
    }
    return DEVELOPMENT_KEYS;
  }
  const keys: EncryptionKey[] = [];
  for (const [index, entry] of value.split(',').entries()) {
    const match = ENTRY.exec(entry.trim());
    const key = match ? Buffer.from(match[2]!, 'base64') : null;
    if (!match || key?.length !== 32) {
      problems.push(
        `ENCRYPTION_KEYS entry ${index + 1} must be id:base64 of 32 bytes (id: 1–32 letters, digits, _ . -)`,
      );
      continue;
    }
    if (keys.some((known) => known.id === match[1])) {
      problems.push(`ENCRYPTION_KEYS names the key ${match[1]} twice`);
      continue;
    }
    keys.push({ id: match[1]!, key });
  }
  return keys.length > 0 ? keys : DEVELOPMENT_KEYS;
}

/**
 * A key for one purpose (e.g. a keyed hash), derived from the current encryption key with HKDF, so one
 * configured secret serves every use without one use's key revealing another's.
 */
export function derivedKey(keys: readonly EncryptionKey[], purpose: string): Buffer {
  const current = keys[0]!;
  return Buffer.from(hkdfSync('sha256', current.key, Buffer.alloc(0), `roster:${purpose}`, 32));
}
