import { createHash, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import {
  ARGON2ID_COST,
  parsePasswordHash,
  passwordHashIsOutdated,
  type Pbkdf2Sha256Hash,
  passwordsEqualToUsername,
} from '@roster/domain';
import { type Algorithm, hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { verify as bcryptVerify } from '@node-rs/bcrypt';

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

/**
 * Whether a stored hash should be replaced at the next successful login: another scheme's (imported), or
 * argon2id made with other parameters than today's.
 */
export function hashIsOutdated(hash: string): boolean {
  return passwordHashIsOutdated(hash);
}

/**
 * Verifies a password against Roster's argon2id hashes and the other schemes an import may bring (bcrypt,
 * PBKDF2-SHA256: see parsePasswordHash). @node-rs/bcrypt, like @node-rs/argon2, ships prebuilt binaries through
 * the registry and runs off the event loop; PBKDF2 is node:crypto's, on libuv's pool. A hash that reads as none
 * of them verifies nothing.
 */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const parsed = parsePasswordHash(hash);
  if ('problem' in parsed) return false;
  if (parsed.scheme === 'pbkdf2-sha256') return verifyPbkdf2(parsed, password);
  const verified = parsed.scheme === 'bcrypt' ? bcryptVerify(password, hash) : argon2Verify(hash, password);
  return verified.catch(() => false);
}

const pbkdf2Async = promisify(pbkdf2);

async function verifyPbkdf2({ iterations, salt, digest }: Pbkdf2Sha256Hash, password: string): Promise<boolean> {
  const derived = await pbkdf2Async(password, salt, iterations, digest.length, 'sha256');
  return timingSafeEqual(derived, digest);
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
