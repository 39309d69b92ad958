import { describe, expect, it } from 'vitest';
import { bearerMatches } from './bearer.js';

const TOKEN = 'a-metrics-token-of-some-length';

describe('bearerMatches', () => {
  it('accepts exactly the token, after "Bearer " in any case', () => {
    expect(bearerMatches(TOKEN, `Bearer ${TOKEN}`)).toBe(true);
    expect(bearerMatches(TOKEN, `bearer ${TOKEN}`)).toBe(true);
    for (const other of [undefined, '', TOKEN, `Bearer ${TOKEN} `, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, 'Bearer ']) {
      expect(bearerMatches(TOKEN, other)).toBe(false);
    }
  });
});
