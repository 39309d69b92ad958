import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';
import { isValidKey } from './keys.js';
import { argon2idHashIsOutdated, passwordProblem, passwordsEqualToUsername } from './password.js';
import { limitsOutsideModel } from './subscription.js';

describe('parseDuration', () => {
  it.each([
    ['15m', 900_000],
    ['30s', 30_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['250ms', 250],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(['', '15', 'm', '0m', '-1m', '1.5h', '15 minutes'])('refuses %j', (text) =>
    expect(parseDuration(text)).toBeNull(),
  );
});

describe('isValidKey', () => {
  it('accepts keys that start with a letter', () => {
    expect(isValidKey('crm.Admin_1-x')).toBe(true);
    expect(isValidKey('a'.repeat(100))).toBe(true);
  });
  it.each(['', '1abc', '_a', 'a b', 'a/b', 'a'.repeat(101)])('refuses %j', (key) =>
    expect(isValidKey(key)).toBe(false),
  );
});

describe('passwordProblem', () => {
  it('enforces length and refuses the username, case-insensitively', () => {
    expect(passwordProblem('short', null)).toContain('at least 8');
    expect(passwordProblem('x'.repeat(257), null)).toContain('at most 256');
    expect(passwordProblem('AliceSmith', 'alicesmith')).toContain('username');
    expect(passwordProblem('correct horse', 'alice')).toBeNull();
  });
});

describe('passwordsEqualToUsername', () => {
  it('tries a username as given, in lower and in upper case, each once', () => {
    expect(passwordsEqualToUsername('Alice.Smith')).toEqual(['Alice.Smith', 'alice.smith', 'ALICE.SMITH']);
    expect(passwordsEqualToUsername('alice.smith')).toEqual(['alice.smith', 'ALICE.SMITH']);
    for (const candidate of passwordsEqualToUsername('Alice.Smith')) {
      expect(passwordProblem(candidate, 'Alice.Smith')).toContain('username');
    }
  });
  it('has nothing to try where no password of the policy could equal the username', () => {
    expect(passwordsEqualToUsername('alice')).toEqual([]);
    expect(passwordsEqualToUsername('x'.repeat(257))).toEqual([]);
  });
});

describe('argon2idHashIsOutdated', () => {
  const salt = 'K6Vaj7tCXGnFW3qmzS5LDA$NpkbI7uuvAKl1LxYLNkDFZ2dpMUKA2bUUHDpwPdgOpU';
  it('keeps a hash of today’s cost, whatever order its library wrote the parameters in', () => {
    expect(argon2idHashIsOutdated(`$argon2id$v=19$m=19456,t=2,p=1$${salt}`)).toBe(false);
    expect(argon2idHashIsOutdated(`$argon2id$v=19$m=19456,p=1,t=2$${salt}`)).toBe(false);
  });
  it('replaces other costs, versions and variants', () => {
    expect(argon2idHashIsOutdated(`$argon2id$v=19$m=65536,p=4,t=3$${salt}`)).toBe(true);
    expect(argon2idHashIsOutdated(`$argon2id$v=16$m=19456,t=2,p=1$${salt}`)).toBe(true);
    expect(argon2idHashIsOutdated(`$argon2i$v=19$m=19456,t=2,p=1$${salt}`)).toBe(true);
  });
  it('leaves what is not an argon2 hash alone', () => {
    expect(argon2idHashIsOutdated('')).toBe(false);
    expect(argon2idHashIsOutdated('$2b$10$abcdefghijklmnopqrstuv')).toBe(false);
  });
});

describe('limitsOutsideModel', () => {
  it('names limits the model would ignore', () => {
    const base = { internalLimit: null, externalLimit: null, namedLimit: null, aggregation: 'sum' } as const;
    expect(limitsOutsideModel({ ...base, model: 'named', internalLimit: 5 })).toEqual(['internalLimit']);
    expect(limitsOutsideModel({ ...base, model: 'internal-external', namedLimit: 5 })).toEqual(['namedLimit']);
    expect(limitsOutsideModel({ ...base, model: 'named', namedLimit: 5 })).toEqual([]);
  });
});
