import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { EncryptionKey } from './variables/encryption-keys.js';

/**
 * A secret encrypted at rest (envelope encryption): the secret under its own random data key, and that data key
 * under an ENCRYPTION_KEYS key, named by `keyId`. A rotation of ENCRYPTION_KEYS re-wraps the small data key
 * only. Both layers are AES-256-GCM, each stored as iv (12 bytes) | tag (16 bytes) | ciphertext.
 */
export interface Sealed {
  ciphertext: Buffer;
  dataKey: Buffer;
  keyId: string;
}

/** A stored secret needs an encryption key that ENCRYPTION_KEYS does not list (any more). */
export class MissingEncryptionKey extends Error {
  constructor(readonly keyId: string) {
    super(`The encryption key "${keyId}" is not among ENCRYPTION_KEYS`);
  }
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * `context` names what the secret is and where it is stored (e.g. its table, tenant and id). It is bound to both
 * layers as associated data, so a ciphertext or a wrapped data key copied to another row does not decrypt there.
 */
export function seal(plaintext: Buffer, keys: readonly EncryptionKey[], context: string): Sealed {
  const dataKey = randomBytes(32);
  try {
    return {
      ciphertext: encrypt(dataKey, plaintext, `roster:secret:${context}`),
      ...wrap(dataKey, keys[0]!, context),
    };
  } finally {
    dataKey.fill(0);
  }
}

/** The plaintext; throws MissingEncryptionKey when the wrapping key is not configured, and if anything was altered. */
export function open(sealed: Sealed, keys: readonly EncryptionKey[], context: string): Buffer {
  const dataKey = unwrap(sealed, keys, context);
  try {
    return decrypt(dataKey, sealed.ciphertext, `roster:secret:${context}`);
  } finally {
    dataKey.fill(0);
  }
}

/** The same secret with its data key wrapped by the current (first) key; the ciphertext is unchanged. */
export function rewrap(sealed: Sealed, keys: readonly EncryptionKey[], context: string): Sealed {
  const dataKey = unwrap(sealed, keys, context);
  try {
    return { ciphertext: sealed.ciphertext, ...wrap(dataKey, keys[0]!, context) };
  } finally {
    dataKey.fill(0);
  }
}

function wrap(dataKey: Buffer, key: EncryptionKey, context: string): Pick<Sealed, 'dataKey' | 'keyId'> {
  return { dataKey: encrypt(key.key, dataKey, dataKeyContext(key.id, context)), keyId: key.id };
}

function unwrap(sealed: Sealed, keys: readonly EncryptionKey[], context: string): Buffer {
  const key = keys.find((candidate) => candidate.id === sealed.keyId);
  if (!key) throw new MissingEncryptionKey(sealed.keyId);
  return decrypt(key.key, sealed.dataKey, dataKeyContext(key.id, context));
}

/** The wrapping key's id is bound too: a wrapped data key relabelled with another key id does not unwrap. */
const dataKeyContext = (keyId: string, context: string) => `roster:data-key:${keyId}:${context}`;

function encrypt(key: Buffer, plaintext: Buffer, associatedData: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

function decrypt(key: Buffer, sealed: Buffer, associatedData: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}
