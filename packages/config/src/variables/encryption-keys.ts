import { createHash } from 'node:crypto';
import { defineVariable, reject } from '../variable.js';

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

const unsetKeys = ({ nodeEnv }: { nodeEnv: string }) =>
  nodeEnv === 'production'
    ? reject('must be set in production: id:base64 of 32 random bytes (openssl rand -base64 32)')
    : DEVELOPMENT_KEYS;

/**
 * `id:base64,id:base64…` (each 32 random bytes, e.g. `openssl rand -base64 32`). The first key encrypts; every
 * key listed decrypts, so a rotation adds a new key in front, re-encrypts, then drops the old one
 * (docs/deploy.md). The keys are secrets: messages name an entry by its position, never its text.
 */
export const ENCRYPTION_KEYS = defineVariable<EncryptionKey[]>({
  name: 'ENCRYPTION_KEYS',
  doc: 'key-encryption keys for secrets at rest: the first encrypts, all decrypt',
  documentedDefault: 'a development key (refused in production)',
  emptyIsUnset: true,
  unset: unsetKeys,
  shown: false,
  parse(text, context) {
    if (text.trim() === '') return unsetKeys(context);
    const keys: EncryptionKey[] = [];
    for (const [index, entry] of text.split(',').entries()) {
      const match = ENTRY.exec(entry.trim());
      const key = match ? Buffer.from(match[2]!, 'base64') : null;
      if (!match || key?.length !== 32) {
        return reject(`entry ${index + 1} must be id:base64 of 32 bytes (id: 1–32 letters, digits, _ . -)`);
      }
      if (keys.some((known) => known.id === match[1])) return reject(`names the key ${match[1]} twice`);
      keys.push({ id: match[1]!, key });
    }
    return keys;
  },
});
