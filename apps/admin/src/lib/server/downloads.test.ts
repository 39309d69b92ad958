import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { passOnDownload, type StreamedFile, streamedFile } from './downloads';
import { ServiceError } from './services/errors';
import { problem, rejection } from './services/testing';

const OTHERWISE = { contentType: 'text/csv; charset=utf-8', fileName: 'users.csv' };

describe('streamedFile', () => {
  it('hands the body on unread, with the API’s type and name', async () => {
    const response = new Response('id\r\n', {
      headers: { 'content-type': 'application/x-ndjson', 'content-disposition': 'attachment; filename="a.jsonl"' },
    });
    const file = await streamedFile(async () => ({ response }), {}, OTHERWISE);
    expect(file).toMatchObject({ contentType: 'application/x-ndjson', disposition: 'attachment; filename="a.jsonl"' });
    expect(response.bodyUsed).toBe(false);
    expect(await new Response(file.body).text()).toBe('id\r\n');
  });

  it('names the file itself when the API does not', async () => {
    const file = await streamedFile(async () => ({ response: new Response('x') }), {}, OTHERWISE);
    // A body given as a string has a type of its own; a stream from the API without one gets the fallback.
    expect(file.disposition).toBe('attachment; filename="users.csv"');
    const bare = new Response(new ReadableStream({ start: (controller) => controller.close() }));
    expect((await streamedFile(async () => ({ response: bare }), {}, OTHERWISE)).contentType).toBe(
      OTHERWISE.contentType,
    );
  });

  it('turns a refusal or a broken connection into a ServiceError', async () => {
    const refused = problem(404);
    const missing = await rejection(
      streamedFile(
        async () => ({ response: refused, error: await refused.clone().json() }),
        { 404: 'No such file.' },
        OTHERWISE,
      ),
    );
    expect(missing.status).toBe(404);
    const down = await rejection(
      streamedFile(
        async () => {
          throw new TypeError('fetch failed');
        },
        {},
        OTHERWISE,
      ),
    );
    expect(down.kind).toBe('unavailable');
  });
});

describe('passOnDownload', () => {
  const file: StreamedFile = {
    body: new Response('line,field,message\r\n').body!,
    contentType: 'text/csv; charset=utf-8',
    disposition: 'attachment; filename="errors.csv"',
  };

  it('answers with the file as it comes, never cached', async () => {
    const response = await passOnDownload(async () => file);
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="errors.csv"',
      'cache-control': 'private, no-store',
    });
    expect(await response.text()).toBe('line,field,message\r\n');
  });

  it('shows a service refusal as the error page with its message, and rethrows anything else', async () => {
    const refusal = new ServiceError('rate-limited', 429, 'Other exports are running.', {}, 10);
    const thrown = await passOnDownload(() => Promise.reject(refusal)).catch((cause: unknown) => cause);
    expect(isHttpError(thrown) && thrown.status).toBe(429);
    expect(isHttpError(thrown) && thrown.body.message).toBe('Other exports are running.');
    const bug = new Error('bug');
    await expect(passOnDownload(() => Promise.reject(bug))).rejects.toBe(bug);
  });
});
