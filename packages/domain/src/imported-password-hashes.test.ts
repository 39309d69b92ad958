import { describe, expect, it } from 'vitest';
import { importedPasswordHashProblem, parsePasswordHash, passwordHashIsOutdated } from './imported-password-hashes.js';

/** Made by Python's hashlib.pbkdf2_hmac (an implementation independent of Roster's) for "correct horse battery". */
const DJANGO = 'pbkdf2_sha256$260000$Xq3rT9vLm2Pa$o8/djhgJJCkdmoyMUCIevHPrJh4sTlKdSvhqTBG3nZo=';
const PASSLIB = '$pbkdf2-sha256$29000$BwgJCgsMDQ4PEBESExQVFg$qP3f3UwTTb2FcWOApH8NaZwy188ZuC2mdUQqSSzL84E';
const PHC = '$pbkdf2-sha256$i=100000,l=32$BwgJCgsMDQ4PEBESExQVFg$ZRxGLtn1WzsxQs/l4vb8De1VakRNGMz1x7+TXQiAPeE';
const BCRYPT = '$2b$05$tD1U4u17/pZWmitm9uNKnuM9vBr5rt4ifS9sd18Ze.R2cfLOLs4qa';
const ROSTER = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXowMTIzNDU';

describe('parsePasswordHash', () => {
  it('reads the three PBKDF2-SHA256 formats with their iterations, salt and digest', () => {
    const salt = Buffer.from([...Array(16).keys()].map((index) => index + 7));
    expect(parsePasswordHash(DJANGO)).toMatchObject({
      scheme: 'pbkdf2-sha256',
      iterations: 260_000,
      salt: Buffer.from('Xq3rT9vLm2Pa'),
    });
    expect(parsePasswordHash(PASSLIB)).toMatchObject({ scheme: 'pbkdf2-sha256', iterations: 29_000, salt });
    expect(parsePasswordHash(PHC)).toMatchObject({ scheme: 'pbkdf2-sha256', iterations: 100_000, salt });
    for (const hash of [DJANGO, PASSLIB, PHC]) {
      expect((parsePasswordHash(hash) as { digest: Buffer }).digest).toHaveLength(32);
    }
  });

  it('reads bcrypt in its 2a, 2b and 2y spellings, and argon2 PHC strings', () => {
    for (const prefix of ['$2a$', '$2b$', '$2y$']) {
      expect(parsePasswordHash(BCRYPT.replace('$2b$', prefix))).toEqual({
        scheme: 'bcrypt',
        hash: BCRYPT.replace('$2b$', prefix),
      });
    }
    expect(parsePasswordHash(ROSTER)).toEqual({ scheme: 'argon2', hash: ROSTER });
  });

  it('names the accepted formats for anything else, and refuses costs a login cannot afford', () => {
    expect(importedPasswordHashProblem('5f4dcc3b5aa765d61d8327deb882cf99')).toMatch(/bcrypt.*Django/);
    expect(importedPasswordHashProblem('$2x$05$tD1U4u17/pZWmitm9uNKnuM9vBr5rt4ifS9sd18Ze.R2cfLOLs4qa')).toMatch(
      /not a password hash/,
    );
    expect(importedPasswordHashProblem(BCRYPT.replace('$05$', '$20$'))).toBe("bcrypt's cost must be 4–16, not 20");
    expect(importedPasswordHashProblem(DJANGO.replace('260000', '999'))).toMatch(/iterations must be 1,000/);
    expect(importedPasswordHashProblem(DJANGO.replace('260000', '20000000'))).toMatch(/not 20000000/);
    expect(importedPasswordHashProblem(PHC.replace('l=32', 'l=64'))).toMatch(/32 bytes/);
    expect(importedPasswordHashProblem(ROSTER.replace('m=19456', 'm=4194304'))).toMatch(/at most m=262144/);
    expect(importedPasswordHashProblem(ROSTER.replace('t=2,', ''))).toMatch(/must state m, t and p/);
    expect(importedPasswordHashProblem('')).toMatch(/not a password hash/);
    for (const hash of [DJANGO, PASSLIB, PHC, BCRYPT, ROSTER]) expect(importedPasswordHashProblem(hash)).toBeNull();
  });
});

describe('passwordHashIsOutdated', () => {
  it('replaces every other scheme at the next login, and argon2 made with other settings', () => {
    for (const hash of [DJANGO, PASSLIB, PHC, BCRYPT]) expect(passwordHashIsOutdated(hash)).toBe(true);
    expect(passwordHashIsOutdated(ROSTER)).toBe(false);
    expect(passwordHashIsOutdated(ROSTER.replace('m=19456', 'm=65536'))).toBe(true);
  });
});
