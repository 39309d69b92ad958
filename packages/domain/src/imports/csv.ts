import { IMPORT_MAX_ROW_LENGTH } from './columns.js';

/**
 * A streaming CSV reader (RFC 4180: `,` between values, `"` around a value holding `,`, `"` or a line break, `""`
 * for a quote inside one; lines end with CRLF, LF or CR; a UTF-8 byte order mark is skipped) that says at which
 * line each record starts and keeps going after a malformed one: an import reports every row, the broken ones
 * included (issue 18).
 *
 * Recovery: a record broken on its own line (a stray quote, text after a closing quote) is skipped to the end of
 * that line. A record whose quoted value ran over line breaks and then broke (most often a quote never closed,
 * which swallows the lines after it) is reported at the line where it started, and reading starts again at the
 * line after that one, so the lines it swallowed are read as the rows they are.
 *
 * Written here rather than taken from csv-parse: its recovery (skip_records_with_error) reports one broken record
 * twice, loses the records after a text-after-closing-quote error, and reports an unclosed quote at the end of the
 * file instead of where it opened.
 */
export type CsvItem =
  | { kind: 'record'; line: number; fields: string[] }
  /** `column`: the 0-based position of the value that broke. */
  | { kind: 'problem'; line: number; column: number; message: string };

type Parsed =
  | { status: 'incomplete' }
  | { status: 'complete'; fields: string[]; end: number }
  | { status: 'broken'; column: number; message: string; at: number; multiline: boolean };

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10;
const CR = 13;

export class CsvReader {
  private pending = '';
  /** The line the next record starts on. */
  private line = 1;
  private started = false;
  /** After a record too long to hold: input is dropped up to the next line break. */
  private skippingLine = false;

  constructor(private readonly maxRecordLength = IMPORT_MAX_ROW_LENGTH) {}

  /** Reads more text; hands each record or problem completed by it to `emit`, in order. */
  write(text: string, emit: (item: CsvItem) => void): void {
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.pending += text;
    this.drain(false, emit);
  }

  /** The end of the input: what is left is read as the last record. */
  end(emit: (item: CsvItem) => void): void {
    this.drain(true, emit);
  }

  private drain(final: boolean, emit: (item: CsvItem) => void): void {
    let start = 0;
    const text = this.pending;
    while (start < text.length) {
      if (this.skippingLine) {
        const lineEnd = nextLineBreak(text, start);
        if (lineEnd === -1) {
          start = text.length;
          break;
        }
        start = afterLineBreak(text, lineEnd);
        this.line += 1;
        this.skippingLine = false;
        continue;
      }
      const parsed = parseRecord(text, start, final);
      if (parsed.status === 'incomplete') {
        if (text.length - start > this.maxRecordLength) {
          emit({
            kind: 'problem',
            line: this.line,
            column: 0,
            message: `the row is longer than ${this.maxRecordLength.toLocaleString('en-US')} characters`,
          });
          // Read again from the line after the record's first (a quoted value that ran on), or drop the line.
          const firstBreak = nextLineBreak(text, start);
          if (firstBreak !== -1) {
            start = afterLineBreak(text, firstBreak);
            this.line += 1;
          } else {
            start = text.length;
            this.skippingLine = true;
          }
          continue;
        }
        break;
      }
      if (parsed.status === 'complete') {
        const fields = parsed.fields;
        if (!(fields.length === 1 && fields[0]!.trim() === '') && !fields.every((field) => field.trim() === '')) {
          emit({ kind: 'record', line: this.line, fields });
        }
        this.line += countLineBreaks(text, start, parsed.end);
        start = parsed.end;
        continue;
      }
      emit({ kind: 'problem', line: this.line, column: parsed.column, message: parsed.message });
      const firstBreak = nextLineBreak(text, start);
      if (parsed.multiline && firstBreak !== -1) {
        start = afterLineBreak(text, firstBreak);
        this.line += 1;
        continue;
      }
      const lineEnd = nextLineBreak(text, parsed.at);
      if (lineEnd === -1) {
        start = text.length;
        this.skippingLine = !final;
        continue;
      }
      this.line += countLineBreaks(text, start, afterLineBreak(text, lineEnd));
      start = afterLineBreak(text, lineEnd);
    }
    this.pending = text.slice(start);
  }
}

/** The index of the next CR or LF at or after `from`, or -1. */
function nextLineBreak(text: string, from: number): number {
  for (let i = from; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === LF || code === CR) return i;
  }
  return -1;
}

/** The index after the line break at `at` (CRLF counts as one). */
function afterLineBreak(text: string, at: number): number {
  return text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
}

/** How many line breaks (CRLF, LF or CR) `text` holds between `from` and `to`. */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i += 1) {
    const code = text.charCodeAt(i);
    if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) count += 1;
  }
  return count;
}

/** One record from `start`; incomplete when the text may go on (not `final`) and the record has not ended. */
function parseRecord(text: string, start: number, final: boolean): Parsed {
  const fields: string[] = [];
  let p = start;
  let multiline = false;
  for (;;) {
    const column = fields.length;
    if (text.charCodeAt(p) === QUOTE) {
      let value = '';
      let from = p + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) {
          if (!final) return { status: 'incomplete' };
          if (nextLineBreak(text, p) !== -1) multiline = true;
          return {
            status: 'broken',
            column,
            message: 'has a quote that is never closed (a value that starts with " must end with ")',
            at: text.length,
            multiline,
          };
        }
        const chunk = text.slice(from, quote);
        if (!multiline && nextLineBreak(chunk, 0) !== -1) multiline = true;
        value += chunk;
        if (quote + 1 === text.length && !final) return { status: 'incomplete' };
        if (text.charCodeAt(quote + 1) === QUOTE) {
          value += '"';
          from = quote + 2;
          continue;
        }
        p = quote + 1;
        break;
      }
      if (p >= text.length) {
        if (!final) return { status: 'incomplete' };
        fields.push(value);
        return { status: 'complete', fields, end: p };
      }
      const next = text.charCodeAt(p);
      if (next === COMMA) {
        fields.push(value);
        p += 1;
        continue;
      }
      if (next === LF || next === CR) {
        if (next === CR && p + 1 === text.length && !final) return { status: 'incomplete' };
        fields.push(value);
        return { status: 'complete', fields, end: afterLineBreak(text, p) };
      }
      return {
        status: 'broken',
        column,
        message: 'has text after the closing quote of a value (write a quote inside a quoted value as "")',
        at: p,
        multiline,
      };
    }
    let q = p;
    while (q < text.length) {
      const code = text.charCodeAt(q);
      if (code === COMMA || code === LF || code === CR || code === QUOTE) break;
      q += 1;
    }
    if (q >= text.length) {
      if (!final) return { status: 'incomplete' };
      fields.push(text.slice(p, q));
      return { status: 'complete', fields, end: q };
    }
    const code = text.charCodeAt(q);
    if (code === QUOTE) {
      return {
        status: 'broken',
        column,
        message:
          'has a quote inside a value that does not start with one (quote the whole value and write "" for each quote in it)',
        at: q,
        multiline,
      };
    }
    fields.push(text.slice(p, q));
    if (code === COMMA) {
      p = q + 1;
      continue;
    }
    if (code === CR && q + 1 === text.length && !final) return { status: 'incomplete' };
    return { status: 'complete', fields, end: afterLineBreak(text, q) };
  }
}
