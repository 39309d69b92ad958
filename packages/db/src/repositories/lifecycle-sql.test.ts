import { describe, expect, it } from 'vitest';
import { named } from './lifecycle-sql.js';

describe('named parameters', () => {
  it('become positional, one per name, leaving casts, formats and unknown words alone', () => {
    expect(
      named(
        `SELECT :a::text[], :b, :a, to_char(x, 'HH24:MI:SS'), CAST('-infinity' AS timestamptz), :unknown, :b::uuid`,
        { a: ['x'], b: 2 },
      ),
    ).toEqual([
      `SELECT $1::text[], $2, $1, to_char(x, 'HH24:MI:SS'), CAST('-infinity' AS timestamptz), :unknown, $2::uuid`,
      [['x'], 2],
    ]);
  });
});
