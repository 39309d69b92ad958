import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeUsername, usernameProblem } from './usernames.js';

describe('normalizeUsername', () => {
  it.each([
    ['Ada.Lovelace', 'ada.lovelace'],
    ['jose\u0301', 'jos\u00e9'],
    ['ＡＤＡ', 'ada'],
    ['Straße', 'strasse'],
    ['STRASSE', 'strasse'],
    ['STRA\u1E9EE', 'strasse'],
    ['  Ada ', 'ada'],
    ['\uFE70x', normalizeUsername('\u064Bx')],
    ['ΟΔΥΣΣΕΥΣ', 'οδυσσευσ'],
    ['οδυσσευς', 'οδυσσευσ'],
    ['\u0130rise', 'i\u0307rise'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeUsername(input)).toBe(expected);
  });

  it('keeps a look-alike from another script distinct (Cyrillic а is not Latin a)', () => {
    expect(normalizeUsername('\u0430da')).not.toBe(normalizeUsername('ada'));
  });

  it('is idempotent and ignores case', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (name) => {
        const once = normalizeUsername(name);
        expect(normalizeUsername(once)).toBe(once);
        expect(normalizeUsername(name.toUpperCase())).toBe(normalizeUsername(name.toLowerCase()));
      }),
    );
  });
});

describe('usernameProblem', () => {
  it.each([['ada.lovelace'], ['Straße'], ['山田太郎'], ['😀'.repeat(250)], ['jose\u0301']])('accepts %s', (name) => {
    expect(usernameProblem(name)).toBeNull();
  });

  it.each([
    ['ada.\u200Blovelace', 'must not contain invisible characters (U+200B)'],
    ['ux.\u202Egnp.exe', 'must not contain characters that change the direction of text (U+202E)'],
    ['ada\u200D', 'must not contain invisible characters (U+200D)'],
    ['\u0430da', 'must not mix letters of Cyrillic and Latin scripts, which can look alike; write it in one script'],
    ['\uFDFA'.repeat(40), 'is too long once normalized (NFKC): at most 1000 bytes of UTF-8'],
  ])('refuses %j', (name, message) => {
    expect(usernameProblem(name)).toBe(message);
  });

  it('accepts every username of at most 250 characters that NFKC does not grow, by size', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 250 }), (name) => {
        const grows = name.normalize('NFKC').length > name.length;
        if (!grows) expect(usernameProblem(name) ?? '').not.toMatch(/too long/);
      }),
    );
  });
});
