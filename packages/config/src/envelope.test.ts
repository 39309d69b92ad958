import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EncryptionKey } from './variables/encryption-keys.js';
import { MissingEncryptionKey, open, rewrap, seal } from './envelope.js';

const key = (id: string): EncryptionKey => ({ id, key: randomBytes(32) });
const [oldKey, newKey] = [key('old'), key('new')];
const SECRET = Buffer.from('{"kty":"OKP","d":"private half"}');
const CONTEXT = 'signing-key:tenant-a:kid-1';

describe('envelope encryption', () => {
  it('opens what it sealed, and stores neither the secret nor its data key in plain text', () => {
    const sealed = seal(SECRET, [oldKey], CONTEXT);
    expect(sealed.keyId).toBe('old');
    expect(sealed.ciphertext.includes(SECRET)).toBe(false);
    expect(open(sealed, [oldKey], CONTEXT)).toEqual(SECRET);
  });

  it('gives every secret its own data key', () => {
    const [first, second] = [seal(SECRET, [oldKey], CONTEXT), seal(SECRET, [oldKey], CONTEXT)];
    expect(first.dataKey.equals(second.dataKey)).toBe(false);
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
  });

  it('does not open in another context: a row copied elsewhere stays sealed', () => {
    const sealed = seal(SECRET, [oldKey], CONTEXT);
    expect(() => open(sealed, [oldKey], 'signing-key:tenant-b:kid-1')).toThrow(/authenticate/);
  });

  it('does not open once the ciphertext, the data key or the key id was altered', () => {
    const sealed = seal(SECRET, [oldKey, newKey], CONTEXT);
    const flipped = (bytes: Buffer) => Buffer.from(bytes.map((byte, i) => (i === bytes.length - 1 ? byte ^ 1 : byte)));
    expect(() => open({ ...sealed, ciphertext: flipped(sealed.ciphertext) }, [oldKey], CONTEXT)).toThrow();
    expect(() => open({ ...sealed, dataKey: flipped(sealed.dataKey) }, [oldKey], CONTEXT)).toThrow();
    // The data key wrapped by "old", relabelled as wrapped by "new" (both configured).
    expect(() => open({ ...sealed, keyId: 'new' }, [oldKey, newKey], CONTEXT)).toThrow();
  });

  it('opens with a key listed after the current one, and re-wraps to the current one', () => {
    const sealed = seal(SECRET, [oldKey], CONTEXT);
    const rotating = [newKey, oldKey];
    expect(open(sealed, rotating, CONTEXT)).toEqual(SECRET);

    const rewrapped = rewrap(sealed, rotating, CONTEXT);
    expect(rewrapped.keyId).toBe('new');
    expect(rewrapped.ciphertext).toEqual(sealed.ciphertext);
    // After the re-wrap nothing needs the old key.
    expect(open(rewrapped, [newKey], CONTEXT)).toEqual(SECRET);
  });

  it('names the key it needs when that key is not configured', () => {
    const sealed = seal(SECRET, [oldKey], CONTEXT);
    expect(() => open(sealed, [newKey], CONTEXT)).toThrow(MissingEncryptionKey);
    expect(() => open(sealed, [newKey], CONTEXT)).toThrow('The encryption key "old" is not among ENCRYPTION_KEYS');
  });
});
