import { describe, expect, it } from 'vitest';
import { type ImportItem, importReader } from './reader.js';

function read(format: 'csv' | 'jsonl', text: string, maxRows?: number): ImportItem[] {
  const reader = importReader(format, maxRows);
  const items: ImportItem[] = [];
  for (let i = 0; i < text.length; i += 3) reader.write(text.slice(i, i + 3), (item) => items.push(item));
  reader.end((item) => items.push(item));
  return items;
}

describe('importReader (CSV)', () => {
  it('maps each record to the header’s columns, ignoring the read-only ones', () => {
    expect(read('csv', 'id,Username,NAME\n1,ada,Ada\n2,bob,\n')).toEqual([
      { kind: 'row', line: 2, raw: { username: 'ada', name: 'Ada' } },
      { kind: 'row', line: 3, raw: { username: 'bob', name: '' } },
    ]);
  });

  it('reports the anonymous users of an export, which no import writes', () => {
    expect(read('csv', 'id,kind,username\n1,registered,ada\n2,anonymous,\n')).toEqual([
      { kind: 'row', line: 2, raw: { username: 'ada' } },
      { kind: 'unreadable', line: 3, field: 'kind', message: expect.stringContaining('is anonymous') },
    ]);
    expect(read('jsonl', '{"kind":"anonymous","username":null}\n')).toEqual([
      { kind: 'unreadable', line: 1, field: 'kind', message: expect.stringContaining('is anonymous') },
    ]);
  });

  it('reports a record of the wrong width or a malformed one, naming the column, and reads on', () => {
    expect(read('csv', 'username,name\nada\nbob,"B"b\ncy,C\n')).toEqual([
      { kind: 'unreadable', line: 2, field: null, message: 'has 1 value(s) where the header has 2 column(s)' },
      { kind: 'unreadable', line: 3, field: 'name', message: expect.stringContaining('closing quote') },
      { kind: 'row', line: 4, raw: { username: 'cy', name: 'C' } },
    ]);
  });

  it('refuses the whole file for an unknown column, and reads nothing after', () => {
    expect(read('csv', 'username,nick\nada,A\n')).toEqual([
      { kind: 'refused', problem: { line: 1, field: 'nick', message: expect.stringContaining('“nick”') } },
    ]);
  });

  it('reads the rows up to the limit, and reports the first one past it', () => {
    expect(read('csv', 'username\na\nb\nc\nd\n', 2)).toEqual([
      { kind: 'row', line: 2, raw: { username: 'a' } },
      { kind: 'row', line: 3, raw: { username: 'b' } },
      { kind: 'unreadable', line: 4, field: null, message: expect.stringContaining('past the 2-row limit') },
    ]);
  });
});

describe('importReader (JSON Lines)', () => {
  it('reads one object per line, keys ignoring case; blank lines count as lines', () => {
    expect(
      read('jsonl', '{"username":"ada","IsActive":false,"groups":["A"]}\r\n\n{"username":"bob","id":"x"}'),
    ).toEqual([
      { kind: 'row', line: 1, raw: { username: 'ada', isActive: false, groups: ['A'] } },
      { kind: 'row', line: 3, raw: { username: 'bob' } },
    ]);
  });

  it('reports a line that is no JSON object, and reads on', () => {
    expect(read('jsonl', '{"username":\n[1]\n{"username":"c"}\n')).toEqual([
      { kind: 'unreadable', line: 1, field: null, message: expect.stringContaining('is not valid JSON') },
      { kind: 'unreadable', line: 2, field: null, message: expect.stringContaining('is not a JSON object') },
      { kind: 'row', line: 3, raw: { username: 'c' } },
    ]);
  });

  it('refuses the whole file for an unknown key or a plain password, at its line', () => {
    expect(read('jsonl', '{"username":"a"}\n{"username":"b","password":"x"}\n')).toEqual([
      { kind: 'row', line: 1, raw: { username: 'a' } },
      { kind: 'refused', problem: { line: 2, field: 'password', message: expect.stringContaining('argon2id') } },
    ]);
  });
});
