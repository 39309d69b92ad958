import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeUsername } from './usernames.js';

describe('normalizeUsername', () => {
  it.each([
    ['Ada.Lovelace', 'ada.lovelace'],
    ['jose\u0301', 'jos\u00e9'],
    ['ＡＤＡ', 'ada'],
    ['Straße', 'strasse'],
    ['STRASSE', 'strasse'],
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
