/**
 * The size limit of an import upload (IMPORT_MAX_SIZE, 512 MB by default; API.md §10): here set to 2 MB, so that an
 * upload streamed without a length passes it only after two 1-MB pieces are stored in the upload's transaction.
 * Over the limit: 413 problem+json naming it, and nothing stored (no import, no piece of it); at the limit: taken.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type Response, startTestApp, type TestApp } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

const MB = 1024 * 1024;
const LIMIT = 2 * MB;

let t: TestApp;
let w: AccountWorld;

beforeAll(async () => {
  t = await startTestApp({ IMPORT_MAX_SIZE: '2MB' });
  w = await createAccountWorld(t);
}, 60_000);
afterAll(async () => t?.close());

/** A CSV of `bytes` bytes exactly: a header, usernames of 7 characters, and a last line making up the rest. */
function csvOf(bytes: number): Buffer {
  const header = 'username\n';
  const lines = Math.floor((bytes - header.length) / 8);
  const rest = bytes - header.length - 8 * lines;
  const body = Array.from({ length: lines }, (_, i) => `u${String(i).padStart(6, '0')}\n`).join('');
  return Buffer.from(header + body + (rest > 0 ? `${'x'.repeat(rest - 1)}\n` : ''));
}

/** Uploads `file`: with its Content-Length, or streamed in 64-KB pieces without one (chunked). */
function upload(file: Buffer, withLength: boolean): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'text/csv' };
  if (!withLength) headers['transfer-encoding'] = 'chunked';
  const pieces = function* () {
    for (let at = 0; at < file.length; at += 64 * 1024) yield file.subarray(at, at + 64 * 1024);
  };
  return t.request('POST', `/tenants/${w.tenantId}/imports?dryRun=true`, {
    token: w.tokens.admin,
    headers,
    body: withLength ? file.toString('utf8') : Readable.from(pieces()),
  });
}

/** The tenant's imports and stored pieces, read from the database as it is. */
async function stored() {
  const { rows } = await t.db.query(
    `SELECT (SELECT count(*)::int FROM user_imports WHERE tenant_id = $1) AS imports,
            (SELECT count(*)::int FROM user_import_chunks WHERE tenant_id = $1) AS chunks`,
    [w.tenantId],
  );
  return rows[0] as { imports: number; chunks: number };
}

function expectTooLarge(response: Response): void {
  expectStatus(response, 413);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  // The rest of the body is not read: the connection does not serve another request.
  expect(response.headers.connection).toBe('close');
  expect(response.body).toMatchObject({ status: 413, title: expect.any(String) });
  expect(response.body.detail).toBe(
    'The file is larger than 2 MB, the most one import takes; split it into several files (each CSV file with its ' +
      'header row).',
  );
}

describe('an import upload over IMPORT_MAX_SIZE', () => {
  it('is refused by its Content-Length with 413 naming the limit, and stores nothing', async () => {
    const before = await stored();
    expectTooLarge(await upload(csvOf(LIMIT + 1), true));
    expect(await stored()).toEqual(before);
  });

  it('sent without a length, is refused with 413 once it passes the limit, its stored pieces rolled back', async () => {
    const before = await stored();
    expectTooLarge(await upload(csvOf(LIMIT + MB), false));
    expect(await stored()).toEqual(before);
    // One byte over is over too.
    expectTooLarge(await upload(csvOf(LIMIT + 1), false));
    expect(await stored()).toEqual(before);
  });

  it('answers a real HTTP client streaming without a length with the 413 while it sends, then closes', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const before = await stored();
    const answer = await postChunked(port, 256 * MB);
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.headers.connection).toBe('close');
    expect(answer.body.detail).toMatch(/^The file is larger than 2 MB, the most one import takes/);
    // Answered long before the client had sent it all: the server stopped reading past the limit.
    expect(answer.sentBytes).toBeGreaterThan(LIMIT);
    expect(answer.sentBytes).toBeLessThan(64 * MB);
    expect(await stored()).toEqual(before);
  });

  it('is taken at the limit itself, with or without a length (the limit is the most, not the least refused)', async () => {
    for (const withLength of [true, false]) {
      const before = await stored();
      const { importId } = expectStatus(await upload(csvOf(LIMIT), withLength), 202).body;
      expect(await stored()).toEqual({ imports: before.imports + 1, chunks: before.chunks + 2 });
      const imported = expectStatus(
        await t.request('GET', `/tenants/${w.tenantId}/imports/${importId}`, { token: w.tokens.admin }),
        200,
      ).body;
      expect(imported.sizeBytes).toBe(LIMIT);
    }
  });
});

/**
 * POSTs a CSV of up to `bytes` as a dry-run import over a real connection, chunked (no Content-Length), in 64-KB
 * writes that wait for the socket to drain, and stops sending once the answer arrives. Resolves with the answer and
 * how much was sent.
 */
function postChunked(port: number, bytes: number) {
  const header = Buffer.from('username\n');
  const rows = Buffer.from('abcdefg\n'.repeat(8192));
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any; sentBytes: number }>(
    (resolve, reject) => {
      const request = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/v1/tenants/${w.tenantId}/imports?dryRun=true`,
        headers: { authorization: `Bearer ${w.tokens.admin}`, 'content-type': 'text/csv' },
      });
      let sentBytes = 0;
      let answered = false;
      request.on('response', (response) => {
        answered = true;
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            body: JSON.parse(Buffer.concat(parts).toString('utf8')),
            sentBytes,
          }),
        );
      });
      // Once answered, the server closing the connection under the rest of the body is expected.
      request.on('error', (error) => {
        if (!answered) reject(error);
      });
      const stopped = new Promise<void>((done) => {
        request.once('response', () => done());
        request.once('close', () => done());
      });
      void (async () => {
        for (let piece = header; sentBytes < bytes && !answered; piece = rows) {
          sentBytes += piece.length;
          if (!request.write(piece)) await Promise.race([new Promise((done) => request.once('drain', done)), stopped]);
        }
        if (!answered) request.end();
      })();
    },
  );
}
