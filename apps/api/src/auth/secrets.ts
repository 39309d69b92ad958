import { createHash, randomBytes } from 'node:crypto';
import { ARGON2ID_COST, argon2idHashIsOutdated, passwordsEqualToUsername } from '@roster/domain';
import { type Algorithm, hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';

/** API keys start with this, so a bearer token says which kind it is without a lookup. */
export const API_KEY_PREFIX = 'rst_';
/** SCIM tokens: recognisable as such in an identity provider's settings or a leak report. */
export const SCIM_TOKEN_PREFIX = 'rst_scim_';

/** 32 random bytes: high-entropy secrets need no slow hash, SHA-256 is enough to store them. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function sha256(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/**
 * @node-rs/argon2 ships a prebuilt binary per platform through the npm registry (no native build at install)
 * and verifies faster than the `argon2` package did. It reads and writes standard PHC strings, so hashes the
 * earlier library stored keep verifying.
 */
const HASH_OPTIONS = { algorithm: 2 satisfies Algorithm.Argon2id, ...ARGON2ID_COST };

/** Passwords are low-entropy, so they get argon2id (DESIGN.md §7). */
export function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, HASH_OPTIONS);
}

/** Whether a stored hash was made with other parameters than today's (and should be replaced). */
export function hashIsOutdated(hash: string): boolean {
  return argon2idHashIsOutdated(hash);
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2Verify(hash, password).catch(() => false);
}

/**
 * Whether the password behind a stored hash equals a username (API.md §6, checked on every change of
 * either): what a username change is checked against, since the password itself is not kept.
 */
export async function passwordIsUsername(passwordHash: string | null, username: string | null): Promise<boolean> {
  if (!passwordHash || !username) return false;
  for (const candidate of passwordsEqualToUsername(username)) {
    if (await verifyPassword(passwordHash, candidate)) return true;
  }
  return false;
}

/** A hash of a password nobody knows: unknown usernames are verified against it so timing tells nothing. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(newSecret());
  return dummyHash;
}
