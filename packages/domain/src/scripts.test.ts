import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confusableScriptMix } from './scripts.js';

describe('confusableScriptMix', () => {
  it.each([
    ['ada.lovelace'],
    ['иван'],
    ['οδυσσευς'],
    ['josé_2024'],
    ['山田taro'],
    ['たなか太郎'],
    ['김민준kim'],
    ['ahmed_أحمد'],
    ['ada😀'],
    ['ｱﾀﾞ'.normalize('NFKC')],
  ])('accepts %s', (text) => {
    expect(confusableScriptMix(text)).toBeNull();
  });

  it.each([
    ['\u0430da', ['Cyrillic', 'Latin']],
    ['p\u0430ypal', ['Latin', 'Cyrillic']],
    ['\u03c12d2', ['Greek', 'Latin']],
    ['\u0430\u03b1', ['Cyrillic', 'Greek']],
  ])('refuses %s', (text, scripts) => {
    expect(confusableScriptMix(text)).toEqual(scripts);
  });

  it('refuses any Latin name with a Cyrillic letter slipped in', () => {
    const latin = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 1 });
    const cyrillic = fc.constantFrom(...'аеорсух');
    fc.assert(
      fc.property(latin, cyrillic, latin, (before, letter, after) => {
        expect(confusableScriptMix(`${before}${letter}${after}`)).not.toBeNull();
      }),
    );
  });
});
