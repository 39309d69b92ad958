import { Readable } from 'node:stream';
import type pg from 'pg';
import Cursor from 'pg-cursor';
import type { Statement } from './bound-transaction.js';

/** How a streamed read hands its rows on (ScopedWork.stream). */
export interface TextStreamOptions {
  /** Rows fetched from the cursor per round trip; each batch goes on as one chunk. */
  batchRows?: number;
  /** Text sent ahead of the first row (a CSV header). */
  head?: string;
}

/** Rows per FETCH: some 200 KB of CSV, a few dozen socket writes' worth, and a round trip per batch. */
const BATCH_ROWS = 1000;

/** How long closing a cursor may take before its connection is given up (a dead socket answers nothing). */
const CLOSE_TIMEOUT_MS = 5_000;

/** Called once the cursor is closed: `error` when the connection can no longer be trusted, and must not be reused. */
export type CursorDone = (error?: Error) => Promise<void>;

/**
 * The rows of a statement that returns one text column, each row's text as it is (its line, terminator
 * included), as a byte stream read from a server-side cursor (pg-cursor: a portal fetched `batchRows` at a time).
 * A batch is fetched only when the consumer asks for more, so a slow client holds back the database rather than
 * filling the API's memory; a batch goes on as one chunk, its rows joined.
 */
class CursorText extends Readable {
  private reading: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly cursor: Cursor<[string]>,
    private readonly batchRows: number,
    /** What was read before the stream was handed out: the head and the first batch. */
    private pending: string | null,
    /** Whether the cursor has given its last row (a batch came back short). */
    private ended: boolean,
    private readonly done: CursorDone,
  ) {
    super();
  }

  override _read(): void {
    if (this.pending !== null) {
      const first = this.pending;
      this.pending = null;
      if (first !== '') {
        this.push(first);
        return;
      }
    }
    if (this.ended) {
      this.push(null);
      return;
    }
    const read = this.cursor.read(this.batchRows);
    this.reading = read.catch(() => undefined);
    read.then(
      (rows) => {
        if (this.destroyed) return;
        if (rows.length < this.batchRows) this.ended = true;
        if (rows.length === 0) this.push(null);
        else this.push(joinRows(rows));
      },
      (error: unknown) => this.destroy(error as Error),
    );
  }

  /** At the end, on an error or when the consumer goes away: closes the portal, then hands the connection back. */
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    void this.reading
      .then(() => closeCursor(this.cursor))
      .then(
        () => this.done(),
        (closing: unknown) => this.done(closing as Error),
      )
      .then(
        () => callback(error),
        (releasing: unknown) => callback(error ?? (releasing as Error)),
      );
  }
}

function joinRows(rows: [string][]): string {
  let text = '';
  for (const row of rows) text += row[0];
  return text;
}

/** Closes the portal; a connection that does not answer within CLOSE_TIMEOUT_MS is taken as lost. */
async function closeCursor(cursor: Cursor): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      cursor.close(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('The cursor did not close in time')), CLOSE_TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Opens a cursor over `statement` on `client` (which must already be in the transaction the statement needs) and
 * reads its first batch before answering, so a statement PostgreSQL refuses fails here, while the caller can still
 * answer with an error, not halfway through a response. From the call on, `done` is called exactly once: after the
 * cursor is closed, when its rows are all read, when reading fails, or when the stream is destroyed (a client that
 * went away); it ends the transaction and releases the connection.
 */
export async function openCursorText(
  client: pg.ClientBase,
  statement: Statement,
  done: CursorDone,
  options: TextStreamOptions = {},
): Promise<Readable> {
  const batchRows = options.batchRows ?? BATCH_ROWS;
  const cursor = client.query(new Cursor<[string]>(statement.text, statement.parameters, { rowMode: 'array' }));
  let first: [string][];
  try {
    first = await cursor.read(batchRows);
  } catch (error) {
    await closeCursor(cursor).then(
      () => done(),
      (closing: unknown) => done(closing as Error),
    );
    throw error;
  }
  return new CursorText(cursor, batchRows, (options.head ?? '') + joinRows(first), first.length < batchRows, done);
}
