import { describe, expect, it } from 'vitest';
import { type CsvItem, CsvReader } from './csv.js';

/** Reads `text` in pieces of `size` characters (every split point, when 1), as a stream would bring it. */
function read(text: string, size = text.length || 1, maxRecordLength?: number): CsvItem[] {
  const reader = new CsvReader(maxRecordLength);
  const items: CsvItem[] = [];
  for (let i = 0; i < text.length; i += size) reader.write(text.slice(i, i + size), (item) => items.push(item));
  reader.end((item) => items.push(item));
  return items;
}

const records = (items: CsvItem[]) =>
  items.map((item) => (item.kind === 'record' ? [item.line, ...item.fields] : item));

describe('CsvReader', () => {
  it('reads RFC 4180: quoted commas, doubled quotes, line breaks in quotes, CRLF, LF and CR, a BOM', () => {
    const text = '\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\nlast,one\rcr,end';
    for (const size of [1, 2, 3, 7, 1000]) {
      expect(records(read(text, size))).toEqual([
        [1, 'a', 'b'],
        [2, 'x, y', 'say "hi"'],
        [3, 'two\nlines', 'z'],
        [5, 'last', 'one'],
        [6, 'cr', 'end'],
      ]);
    }
  });

  it('skips blank lines and rows of empty values but counts their lines', () => {
    expect(records(read('a,b\n\n,\n  \nc,d\n'))).toEqual([
      [1, 'a', 'b'],
      [5, 'c', 'd'],
    ]);
  });

  it('keeps empty values, a trailing empty one included', () => {
    expect(records(read('a,,b,\n"",x,'))).toEqual([
      [1, 'a', '', 'b', ''],
      [2, '', 'x', ''],
    ]);
  });

  it('reports a stray quote or text after a closing quote at its line and value, and reads on', () => {
    for (const size of [1, 5, 1000]) {
      expect(records(read('h,i\nbob,Bob "the" B\ncarol,"C"x\ndan,D\n', size))).toEqual([
        [1, 'h', 'i'],
        { kind: 'problem', line: 2, column: 1, message: expect.stringContaining('quote inside a value') },
        { kind: 'problem', line: 3, column: 1, message: expect.stringContaining('after the closing quote') },
        [4, 'dan', 'D'],
      ]);
    }
  });

  it('reports a quote never closed where it opened, and reads the lines it swallowed', () => {
    for (const size of [1, 4, 1000]) {
      expect(records(read('h,i\nbob,"Bob\ncarol,C\ndan,D', size))).toEqual([
        [1, 'h', 'i'],
        { kind: 'problem', line: 2, column: 1, message: expect.stringContaining('never closed') },
        [3, 'carol', 'C'],
        [4, 'dan', 'D'],
      ]);
    }
    // The next quoted value closes it too late: still reported where it opened.
    expect(records(read('h,i\nbob,"Bob\ncarol,C\ndan,"D"\n'))).toEqual([
      [1, 'h', 'i'],
      { kind: 'problem', line: 2, column: 1, message: expect.stringContaining('after the closing quote') },
      [3, 'carol', 'C'],
      [4, 'dan', 'D'],
    ]);
  });

  it('refuses a record longer than its limit and reads on', () => {
    expect(records(read(`h\n${'x'.repeat(50)}\nok\n"${'y'.repeat(60)}\nnext\n`, 8, 40))).toEqual([
      [1, 'h'],
      { kind: 'problem', line: 2, column: 0, message: expect.stringContaining('longer than 40') },
      [3, 'ok'],
      { kind: 'problem', line: 4, column: 0, message: expect.stringContaining('longer than 40') },
      [5, 'next'],
    ]);
  });
});
