import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMultiValue, parseMultiValue } from './multi-values.js';

describe('multi-valued cells', () => {
  it('split on ; with \\; and \\\\ escapes, trimmed, empty values dropped', () => {
    expect(parseMultiValue('Sales; Support ;;')).toEqual(['Sales', 'Support']);
    expect(parseMultiValue('R\\&D;a\\;b;c\\\\d;e\\')).toEqual(['R&D', 'a;b', 'c\\d', 'e\\']);
    expect(parseMultiValue('')).toEqual([]);
    expect(formatMultiValue(['a;b', 'c\\d', 'plain'])).toBe('a\\;b;c\\\\d;plain');
  });

  it('round-trip: what the export writes the import reads back', () => {
    const value = fc.string({ unit: fc.constantFrom('a', 'b', ';', '\\', ' ', 'é') });
    fc.assert(
      fc.property(fc.array(value), (values) => {
        const kept = values.map((v) => v.trim()).filter((v) => v !== '');
        expect(parseMultiValue(formatMultiValue(values))).toEqual(kept);
      }),
    );
  });
});
