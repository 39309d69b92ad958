import { randomFillSync } from 'node:crypto';

/**
 * Randomness drawn a few kilobytes at a time: an id costs no system call. Entities get an id in
 * their field initializer, so TypeORM generates one for every row it reads too; with one
 * `getRandomValues` call each, a page of 50 users spent half a millisecond of the API's CPU here.
 */
const pool = Buffer.allocUnsafe(8192);
let poolOffset = pool.length;

function randomBytes(count: number): Buffer {
  if (poolOffset + count > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + count);
  poolOffset += count;
  return bytes;
}

let lastMs = -1;
let counter = 0;

/**
 * UUIDv7 (RFC 9562): time-ordered, so new rows append to the primary-key index instead of splitting
 * pages, and ordering by id is ordering by creation. Within one millisecond a 12-bit counter, seeded
 * at random below its midpoint, keeps ids increasing (RFC 9562 §6.2, method 1); if it runs out, the
 * timestamp moves on by a millisecond.
 */
export function newId(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = randomBytes(2).readUInt16BE(0) & 0x7ff;
  } else if (++counter > 0xfff) {
    lastMs += 1;
    counter = 0;
  }
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  randomBytes(8).copy(bytes, 8);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
