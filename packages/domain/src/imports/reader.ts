import {
  type ImportColumn,
  importColumnOf,
  type ImportFileProblem,
  type ImportFormat,
  importHeader,
  IMPORT_MAX_ROW_LENGTH,
  IMPORT_MAX_ROWS,
} from './columns.js';
import { type CsvItem, CsvReader } from './csv.js';
import type { RawImportRow } from './rows.js';

/**
 * What an import file holds, item by item, from its text as it streams in (the worker decodes the stored upload
 * and feeds it here): rows to check (readImportRow), rows that could not even be read (a malformed CSV record, a
 * JSON Lines line that is no JSON object), or the problem that refuses the whole file (a column nobody knows).
 * Line numbers are the file's own, 1-based; in a CSV file line 1 is the header.
 */
export type ImportItem =
  | { kind: 'row'; line: number; raw: RawImportRow }
  | { kind: 'unreadable'; line: number; field: string | null; message: string }
  | { kind: 'refused'; problem: ImportFileProblem };

export interface ImportReader {
  write(text: string, emit: (item: ImportItem) => void): void;
  end(emit: (item: ImportItem) => void): void;
}

/** A reader for the format; after a `refused` item it reads nothing more. */
export function importReader(format: ImportFormat, maxRows = IMPORT_MAX_ROWS): ImportReader {
  return format === 'csv' ? new CsvImportReader(maxRows) : new JsonLinesImportReader(maxRows);
}

/** Counts rows, and past the limit reports the first row beyond it once, then nothing more. */
class RowLimit {
  private rows = 0;
  private over = false;

  constructor(private readonly max: number) {}

  /** Whether the row at `line` may be read; the first one past the limit becomes an unreadable row. */
  admit(line: number, emit: (item: ImportItem) => void): boolean {
    if (this.over) return false;
    this.rows += 1;
    if (this.rows <= this.max) return true;
    this.over = true;
    emit({
      kind: 'unreadable',
      line,
      field: null,
      message: `is past the ${this.max.toLocaleString('en-US')}-row limit of a file: it and the rows after it were not read; split the file`,
    });
    return false;
  }
}

class CsvImportReader implements ImportReader {
  private readonly csv = new CsvReader();
  private columns: (ImportColumn | null)[] | null = null;
  private names: string[] = [];
  /** Where the export's `kind` column is, if the file has it (-1: not). */
  private kindAt = -1;
  private refused = false;
  private readonly limit: RowLimit;

  constructor(maxRows: number) {
    this.limit = new RowLimit(maxRows);
  }

  write(text: string, emit: (item: ImportItem) => void): void {
    if (!this.refused) this.csv.write(text, (item) => this.take(item, emit));
  }

  end(emit: (item: ImportItem) => void): void {
    if (!this.refused) this.csv.end((item) => this.take(item, emit));
  }

  private take(item: CsvItem, emit: (item: ImportItem) => void): void {
    if (this.refused) return;
    if (this.columns === null) {
      if (item.kind === 'problem') {
        this.refuse({ line: item.line, field: '(header)', message: `The header row ${item.message}.` }, emit);
        return;
      }
      const header = importHeader(item.fields);
      if ('line' in header) {
        this.refuse({ ...header, line: item.line }, emit);
        return;
      }
      this.columns = header.columns;
      this.names = item.fields.map((name) => name.trim());
      this.kindAt = this.names.findIndex((name) => name.toLowerCase() === 'kind');
      return;
    }
    if (!this.limit.admit(item.line, emit)) return;
    if (item.kind === 'problem') {
      emit({ kind: 'unreadable', line: item.line, field: this.names[item.column] ?? null, message: item.message });
      return;
    }
    if (item.fields.length !== this.columns.length) {
      emit({
        kind: 'unreadable',
        line: item.line,
        field: null,
        message: `has ${item.fields.length} value(s) where the header has ${this.columns.length} column(s)`,
      });
      return;
    }
    if (this.kindAt !== -1 && isAnonymous(item.fields[this.kindAt])) {
      emit(anonymousRow(item.line));
      return;
    }
    const raw: RawImportRow = {};
    this.columns.forEach((column, index) => {
      if (column !== null) raw[column] = item.fields[index];
    });
    emit({ kind: 'row', line: item.line, raw });
  }

  private refuse(problem: ImportFileProblem, emit: (item: ImportItem) => void): void {
    this.refused = true;
    emit({ kind: 'refused', problem });
  }
}

class JsonLinesImportReader implements ImportReader {
  private pending = '';
  private line = 0;
  private refused = false;
  private started = false;
  /** The current line is too long: dropped up to its end. */
  private skipping = false;
  private readonly limit: RowLimit;

  constructor(maxRows: number) {
    this.limit = new RowLimit(maxRows);
  }

  write(text: string, emit: (item: ImportItem) => void): void {
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.refused) return;
    this.pending += text;
    let start = 0;
    for (;;) {
      const end = this.pending.indexOf('\n', start);
      if (end === -1) break;
      const wasSkipping = this.skipping;
      this.skipping = false;
      this.line += 1;
      if (!wasSkipping) this.take(this.pending.slice(start, end), emit);
      if (this.refused) return;
      start = end + 1;
    }
    this.pending = this.pending.slice(start);
    if (!this.skipping && this.pending.length > IMPORT_MAX_ROW_LENGTH) {
      this.tooLong(this.line + 1, emit);
      this.pending = '';
      this.skipping = true;
    } else if (this.skipping) {
      this.pending = '';
    }
  }

  end(emit: (item: ImportItem) => void): void {
    if (this.refused || this.skipping) return;
    if (this.pending !== '') {
      this.line += 1;
      this.take(this.pending, emit);
      this.pending = '';
    }
  }

  private tooLong(line: number, emit: (item: ImportItem) => void): void {
    if (!this.limit.admit(line, emit)) return;
    emit({
      kind: 'unreadable',
      line,
      field: null,
      message: `is longer than ${IMPORT_MAX_ROW_LENGTH.toLocaleString('en-US')} characters`,
    });
  }

  private take(text: string, emit: (item: ImportItem) => void): void {
    const line = this.line;
    const body = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (body.trim() === '') return;
    if (body.length > IMPORT_MAX_ROW_LENGTH) {
      this.tooLong(line, emit);
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (error) {
      if (!this.limit.admit(line, emit)) return;
      emit({ kind: 'unreadable', line, field: null, message: `is not valid JSON (${(error as Error).message})` });
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      if (!this.limit.admit(line, emit)) return;
      emit({
        kind: 'unreadable',
        line,
        field: null,
        message: 'is not a JSON object (one user per line: {"username": …})',
      });
      return;
    }
    const raw: RawImportRow = {};
    let anonymous = false;
    for (const [key, field] of Object.entries(value)) {
      if (key.toLowerCase() === 'kind' && isAnonymous(field)) anonymous = true;
      const found = importColumnOf(key);
      if ('problem' in found) {
        this.refused = true;
        emit({
          kind: 'refused',
          problem: { line, field: key, message: `The object on line ${line} ${found.problem}.` },
        });
        return;
      }
      if (!found.ignored) raw[found.column] = field;
    }
    if (!this.limit.admit(line, emit)) return;
    emit(anonymous ? anonymousRow(line) : { kind: 'row', line, raw });
  }
}

/** Whether the export's `kind` says the row is an anonymous user. */
const isAnonymous = (kind: unknown) => typeof kind === 'string' && kind.trim().toLowerCase() === 'anonymous';

/**
 * An anonymous user of an export: it has no username to be matched by, and an import writes registered users only,
 * so its row is reported (and the anonymous user left as it is).
 */
const anonymousRow = (line: number): ImportItem => ({
  kind: 'unreadable',
  line,
  field: 'kind',
  message: 'is anonymous: an import creates and updates registered users only (anonymous users stay as they are)',
});
