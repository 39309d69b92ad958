import { describe, expect, it } from 'vitest';
import { parseImportBoolean, readImportRow } from './rows.js';

const PBKDF2 = '$pbkdf2-sha256$29000$BwgJCgsMDQ4PEBESExQVFg$qP3f3UwTTb2FcWOApH8NaZwy188ZuC2mdUQqSSzL84E';

describe('readImportRow', () => {
  it('reads a full row: trimmed, normalized keys, lists de-duplicated, the fields it sets', () => {
    const { row, errors } = readImportRow({
      username: ' Straße ',
      name: 'Ada Lovelace',
      email: 'Ada@Example.com',
      mobilePhone: '+44 20 1234',
      externalId: 'x-1',
      isActive: 'no',
      passwordHash: PBKDF2,
      groups: 'Sales;sales; Support',
      roles: ['crm.admin', 'crm.admin'],
    });
    expect(errors).toEqual([]);
    expect(row).toEqual({
      username: 'Straße',
      usernameKey: 'strasse',
      name: 'Ada Lovelace',
      email: 'Ada@Example.com',
      emailKey: 'ada@example.com',
      mobilePhone: '+44 20 1234',
      externalId: 'x-1',
      isActive: false,
      passwordHash: PBKDF2,
      groups: ['Sales', 'Support'],
      roles: ['crm.admin'],
      given: ['name', 'email', 'mobilePhone', 'externalId', 'isActive', 'passwordHash'],
    });
  });

  it('leaves out what the file does not give, and clears what it gives empty', () => {
    expect(readImportRow({ username: 'a' }).row.given).toEqual([]);
    const { row } = readImportRow({ username: 'a', name: '', email: null, isActive: '', passwordHash: '', groups: '' });
    expect(row).toMatchObject({ name: null, email: null, isActive: null, passwordHash: null, groups: [] });
    expect(row.given).toEqual(['name', 'email']);
  });

  it('applies the users API’s rules, one problem per field', () => {
    const { errors } = readImportRow({
      username: 'pаypal', // Cyrillic а
      email: 'not-an-address',
      mobilePhone: 'call me',
      name: 'x'.repeat(201),
    });
    expect(errors).toEqual([
      { field: 'username', message: expect.stringMatching(/must not mix letters of .* scripts/) },
      { field: 'name', message: 'must be at most 200 characters' },
      { field: 'email', message: 'must be a valid email address' },
      { field: 'mobilePhone', message: 'may hold only digits, spaces and + ( ) -' },
    ]);
    expect(readImportRow({ name: 'No Username' }).errors).toEqual([
      { field: 'username', message: 'is required for a registered user' },
    ]);
  });

  it('refuses wrong booleans, hashes, role keys, types and unstorable or over-long values', () => {
    const { errors } = readImportRow({
      username: 'u',
      isActive: 'maybe',
      passwordHash: 'plain-text',
      roles: 'ok.key;not a key',
      externalId: 'x'.repeat(10_001),
      name: 'nul\u0000',
      mobilePhone: 12345,
    });
    expect(errors).toEqual([
      { field: 'name', message: 'must not contain NUL characters (U+0000)' },
      { field: 'mobilePhone', message: 'must be text' },
      { field: 'externalId', message: 'is longer than 10,000 characters' },
      { field: 'isActive', message: 'must be true or false (or 1/0, yes/no)' },
      { field: 'passwordHash', message: expect.stringContaining('is not a password hash Roster can take') },
      { field: 'roles', message: 'has “not a key”, not a valid role key' },
    ]);
  });

  it('reads booleans as files write them', () => {
    expect(['TRUE', 'yes', '1', 'False', 'NO', '0', ' ', 'y'].map(parseImportBoolean)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      null,
      undefined,
    ]);
  });
});
