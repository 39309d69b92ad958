import { argon2idHashIsOutdated } from './password.js';

/**
 * Password hashes made by other systems, accepted when users move in (issue 18) so nobody has to reset a
 * password: each verifies as its own scheme until the user's next successful login replaces it with Roster's
 * argon2id (argon2idHashIsOutdated says so for every hash that is not today's argon2id).
 *
 * Only the standard string formats, which carry their scheme, cost and salt, are read; a bare hex digest says
 * none of that and is refused. The cost bounds keep a login's verification within what a login may cost here
 * (a hash demanding hours of work would be a denial of service) while taking what real systems store.
 */
export type ImportedHashScheme = 'argon2' | 'bcrypt' | 'pbkdf2-sha256';

/** A PBKDF2-SHA256 hash, decoded: what verifying a password against it needs. */
export interface Pbkdf2Sha256Hash {
  scheme: 'pbkdf2-sha256';
  iterations: number;
  salt: Buffer;
  digest: Buffer;
}

export type ParsedPasswordHash = { scheme: 'argon2' | 'bcrypt'; hash: string } | Pbkdf2Sha256Hash;

/** PBKDF2's bounds: below 1,000 iterations is no protection; above 10 million a login takes seconds. */
export const PBKDF2_ITERATIONS = { min: 1_000, max: 10_000_000 } as const;
/** bcrypt's cost factor as every implementation writes it (2^cost rounds); above 16 a login takes seconds. */
export const BCRYPT_COST = { min: 4, max: 16 } as const;
/** argon2's memory (KiB) and passes: a login must not take more than 256 MiB or 10 passes. */
export const ARGON2_LIMITS = { memoryKiB: 262_144, passes: 10, parallelism: 16 } as const;

/** The accepted formats, as an error message names them. */
export const IMPORTED_HASH_FORMATS =
  '$argon2id$v=19$m=…,t=…,p=…$salt$hash (PHC), $2a$/$2b$/$2y$ bcrypt, ' +
  '$pbkdf2-sha256$rounds$salt$hash (passlib), $pbkdf2-sha256$i=…,l=32$salt$hash (PHC) or ' +
  'pbkdf2_sha256$iterations$salt$hash (Django)';

const ARGON2 = /^\$argon2(?:id|i|d)\$(?:v=(?:16|19)\$)?([^$]+)\$([A-Za-z0-9+/]{11,})\$([A-Za-z0-9+/]{22,})$/;
const BCRYPT = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/;
const PASSLIB_PBKDF2 = /^\$pbkdf2-sha256\$(\d+)\$([./A-Za-z0-9]*)\$([./A-Za-z0-9]{43})$/;
const PHC_PBKDF2 = /^\$pbkdf2-sha256\$i=(\d+)(?:,l=(\d+))?\$([A-Za-z0-9+/]*)={0,2}\$([A-Za-z0-9+/]{43})=?$/;
const DJANGO_PBKDF2 = /^pbkdf2_sha256\$(\d+)\$([^$]*)\$([A-Za-z0-9+/]{43}=)$/;

/** passlib's "adapted base64": `.` for `+`, no padding. */
const adaptedBase64 = (text: string) => Buffer.from(text.replaceAll('.', '+'), 'base64');

/**
 * Reads a stored or imported hash: its scheme and what verifying needs, or a message saying what is wrong with
 * it (for the import's row report). Roster's own hashes are argon2id PHC strings, so they read as `argon2`.
 */
export function parsePasswordHash(hash: string): ParsedPasswordHash | { problem: string } {
  const argon2 = ARGON2.exec(hash);
  if (argon2) return argon2Problem(argon2[1]!) ?? { scheme: 'argon2', hash };
  const bcrypt = BCRYPT.exec(hash);
  if (bcrypt) {
    const cost = Number(bcrypt[1]);
    if (cost < BCRYPT_COST.min || cost > BCRYPT_COST.max) {
      return { problem: `bcrypt's cost must be ${BCRYPT_COST.min}–${BCRYPT_COST.max}, not ${cost}` };
    }
    return { scheme: 'bcrypt', hash };
  }
  const passlib = PASSLIB_PBKDF2.exec(hash);
  if (passlib) return pbkdf2(Number(passlib[1]), adaptedBase64(passlib[2]!), adaptedBase64(passlib[3]!));
  const phc = PHC_PBKDF2.exec(hash);
  if (phc) {
    if (phc[2] !== undefined && phc[2] !== '32') return { problem: 'a PBKDF2-SHA256 hash must be 32 bytes (l=32)' };
    return pbkdf2(Number(phc[1]), Buffer.from(phc[3]!, 'base64'), Buffer.from(phc[4]!, 'base64'));
  }
  const django = DJANGO_PBKDF2.exec(hash);
  if (django) return pbkdf2(Number(django[1]), Buffer.from(django[2]!, 'utf8'), Buffer.from(django[3]!, 'base64'));
  return { problem: `is not a password hash Roster can take; use one of ${IMPORTED_HASH_FORMATS}` };
}

function argon2Problem(paramList: string): { problem: string } | null {
  const params = new Map(paramList.split(',').map((pair) => pair.split('=', 2) as [string, string]));
  const [memory, passes, lanes] = ['m', 't', 'p'].map((name) => Number(params.get(name)));
  if (![memory, passes, lanes].every((value) => Number.isInteger(value) && value! > 0)) {
    return { problem: 'an argon2 hash must state m, t and p' };
  }
  if (memory! > ARGON2_LIMITS.memoryKiB || passes! > ARGON2_LIMITS.passes || lanes! > ARGON2_LIMITS.parallelism) {
    return {
      problem:
        `an argon2 hash may ask for at most m=${ARGON2_LIMITS.memoryKiB}, t=${ARGON2_LIMITS.passes} and ` +
        `p=${ARGON2_LIMITS.parallelism}`,
    };
  }
  return null;
}

function pbkdf2(iterations: number, salt: Buffer, digest: Buffer): Pbkdf2Sha256Hash | { problem: string } {
  if (iterations < PBKDF2_ITERATIONS.min || iterations > PBKDF2_ITERATIONS.max) {
    return {
      problem: `PBKDF2 iterations must be ${PBKDF2_ITERATIONS.min.toLocaleString('en-US')}–${PBKDF2_ITERATIONS.max.toLocaleString('en-US')}, not ${iterations}`,
    };
  }
  if (digest.length !== 32) return { problem: 'a PBKDF2-SHA256 hash must be 32 bytes' };
  return { scheme: 'pbkdf2-sha256', iterations, salt, digest };
}

/** What is wrong with a hash someone imports, or null when it can be stored as it is. */
export function importedPasswordHashProblem(hash: string): string | null {
  const parsed = parsePasswordHash(hash);
  return 'problem' in parsed ? parsed.problem : null;
}

/**
 * Whether the next successful login should replace the stored hash: every hash of another scheme, and an
 * argon2 hash made with other settings than today's (argon2idHashIsOutdated).
 */
export function passwordHashIsOutdated(hash: string): boolean {
  return !hash.startsWith('$argon2') || argon2idHashIsOutdated(hash);
}
