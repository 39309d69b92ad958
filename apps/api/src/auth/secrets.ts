import { createHash, randomBytes } from 'node:crypto';
import * as argon2 from 'argon2';

/** API keys start with this, so a bearer token says which kind it is without a lookup. */
export const API_KEY_PREFIX = 'rst_';

/** 32 random bytes: high-entropy secrets need no slow hash, SHA-256 is enough to store them. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function sha256(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** Passwords are low-entropy, so they get argon2id (DESIGN.md §7). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password).catch(() => false);
}

/** A hash of a password nobody knows: unknown usernames are verified against it so timing tells nothing. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(newSecret());
  return dummyHash;
}
