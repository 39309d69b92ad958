import { describe, expect, it } from 'vitest';
import { importHeader, PLAIN_PASSWORD_REFUSAL } from './columns.js';

describe('importHeader', () => {
  it('matches columns ignoring case and order, and ignores the export’s read-only ones', () => {
    expect(importHeader(['EMAIL', ' Username ', 'id', 'licenseClass', 'groups'])).toEqual({
      columns: ['email', 'username', null, null, 'groups'],
    });
  });

  it('refuses the file at line 1 for an unknown column, naming it and the known ones', () => {
    const problem = importHeader(['username', 'nickname']);
    expect(problem).toMatchObject({ line: 1, field: 'nickname' });
    expect((problem as { message: string }).message).toMatch(/“nickname”.*username, name, email, mobilePhone/);
  });

  it('refuses a plain password column, saying why and what to send', () => {
    expect(importHeader(['username', 'Password'])).toEqual({
      line: 1,
      field: 'Password',
      message: `The header ${PLAIN_PASSWORD_REFUSAL}.`,
    });
    expect(PLAIN_PASSWORD_REFUSAL).toMatch(/argon2id takes hours.*passwordHash/);
  });

  it('refuses a header without username, or with a column twice', () => {
    expect(importHeader(['name'])).toMatchObject({ field: 'username' });
    expect(importHeader(['username', 'Name', 'name'])).toMatchObject({ field: 'name', message: /twice/ });
  });
});
