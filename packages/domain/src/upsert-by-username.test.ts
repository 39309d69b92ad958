import { describe, expect, it } from 'vitest';
import { upsertByUsernameProblems } from './end-user-rules.js';
import { sameUsername } from './usernames.js';

describe('sameUsername', () => {
  it.each([
    ['Ada', 'ada'],
    ['ＡＤＡ', 'ada'],
    ['Straße', 'STRASSE'],
    ['jose\u0301', 'jos\u00e9'],
    [' ada ', 'ada'],
  ])('%s and %s are one name', (a, b) => {
    expect(sameUsername(a, b)).toBe(true);
  });

  it.each([
    ['ada', 'adam'],
    ['\u0430da', 'ada'],
  ])('%s and %s are two', (a, b) => {
    expect(sameUsername(a, b)).toBe(false);
  });
});

describe('upsertByUsernameProblems', () => {
  it('accepts a body without a username, or with the path’s name written another way', () => {
    expect(upsertByUsernameProblems('ada', {})).toEqual([]);
    expect(upsertByUsernameProblems('ada', { kind: 'registered', username: 'ＡＤＡ' })).toEqual([]);
  });

  it('refuses another username, under username', () => {
    expect(upsertByUsernameProblems('ada', { username: 'grace' })).toEqual([
      { field: 'username', message: expect.stringMatching(/path/) },
    ]);
  });

  it('refuses an anonymous user, under kind', () => {
    expect(upsertByUsernameProblems('ada', { kind: 'anonymous' })).toEqual([
      { field: 'kind', message: expect.stringMatching(/registered/) },
    ]);
  });
});
