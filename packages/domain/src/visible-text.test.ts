import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayNameProblem, hiddenCharacterProblem } from './visible-text.js';

describe('displayNameProblem', () => {
  it.each([
    ['Ada Lovelace'],
    ['José Núñez'],
    ['محمد'],
    ['می‌خواهم'], // Persian with a zero-width non-joiner
    ['👩‍💻 Dev team'], // an emoji ZWJ sequence
    ['❤️ Fans'], // a variation selector
    ['山田 太郎'],
  ])('accepts %s', (name) => {
    expect(displayNameProblem(name)).toBeNull();
  });

  it.each([
    ['ux.\u202Egnp.exe', 'must not contain characters that change the direction of text (U+202E)'],
    ['Ada\u200BLovelace', 'must not contain invisible characters (U+200B)'],
    ['\u2066Ada\u2069', 'must not contain characters that change the direction of text (U+2066)'],
    ['Ada\u00ADLovelace', 'must not contain invisible characters (U+00AD)'],
    ['\u3164', 'must not contain invisible characters (U+3164)'],
    ['\u200D', 'must contain a visible character'],
  ])('refuses %j', (name, message) => {
    expect(displayNameProblem(name)).toBe(message);
  });

  it('refuses every text holding a direction control, wherever it is', () => {
    const control = fc.constantFrom(...'\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069');
    fc.assert(
      fc.property(fc.string(), control, fc.string(), (before, character, after) => {
        expect(displayNameProblem(`${before}${character}${after}`)).toMatch(/invisible|direction/);
      }),
    );
  });
});

describe('hiddenCharacterProblem', () => {
  it('allows the joiners only where writing needs them', () => {
    expect(hiddenCharacterProblem('a\u200Db', { shaping: true })).toBeNull();
    expect(hiddenCharacterProblem('a\u200Db', { shaping: false })).toBe(
      'must not contain invisible characters (U+200D)',
    );
  });
});
