import { describe, expect, it } from 'vitest';
import { callApi, fromResponse, fromThrown, ServiceError, TIMEOUT_MESSAGE, UNREACHABLE_MESSAGE } from './errors';
import { problem } from './testing';

describe('fromResponse', () => {
  it('uses the problem detail as the message', () => {
    const error = fromResponse(new Response(null, { status: 409 }), {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: 'An operator named "ann" exists already.',
    });
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.kind).toBe('conflict');
    expect(error.status).toBe(409);
    expect(error.message).toBe('An operator named "ann" exists already.');
  });

  it('falls back to the caller’s message, then the title, then a generic one', () => {
    const noDetail = { type: 'about:blank', title: 'Unauthorized', status: 401, detail: '' };
    expect(fromResponse(new Response(null, { status: 401 }), noDetail, { 401: 'Nope.' }).message).toBe('Nope.');
    expect(fromResponse(new Response(null, { status: 401 }), noDetail).message).toBe('Unauthorized');
    expect(fromResponse(new Response(null, { status: 401 }), 'plain text').message).toBe(
      'Your session has ended. Sign in again.',
    );
  });

  it('collects field errors and the Retry-After delay', () => {
    const error = fromResponse(new Response(null, { status: 429, headers: { 'retry-after': '30' } }), {
      type: 'about:blank',
      title: 'Too Many Requests',
      status: 429,
      detail: '',
      errors: [{ field: 'username', message: 'Blocked for now.' }],
    });
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterSeconds).toBe(30);
    expect(error.fieldErrors).toEqual({ username: 'Blocked for now.' });
    expect(error.message).toBe('Too Many Requests');
    expect(fromResponse(new Response(null, { status: 429, headers: { 'retry-after': '1' } }), null).message).toBe(
      'Too many attempts. Try again in 1 second.',
    );
  });

  it('turns the API’s field message fragments into sentences, keeping the first per field', () => {
    const error = fromResponse(new Response(null, { status: 400 }), {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The request has 3 invalid field(s): email, name.',
      errors: [
        { field: 'email', message: 'must be a valid email address' },
        { field: 'email', message: 'is too long' },
        { field: 'name', message: 'Must not be empty.' },
      ],
    });
    expect(error.fieldErrors).toEqual({ email: 'Must be a valid email address.', name: 'Must not be empty.' });
  });

  it('reports server failures of the API as 502, its unavailability as 503', () => {
    const failed = fromResponse(new Response(null, { status: 500 }), '<html>oops</html>');
    expect(failed.kind).toBe('unexpected');
    expect(failed.status).toBe(502);
    expect(failed.message).toContain('HTTP 500');
    const down = fromResponse(new Response(null, { status: 503 }), null);
    expect(down.kind).toBe('unavailable');
    expect(down.status).toBe(503);
  });
});

describe('fromThrown', () => {
  it('turns network failures and timeouts into "unavailable"', () => {
    const refused = fromThrown(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') }));
    expect(refused.kind).toBe('unavailable');
    expect(refused.status).toBe(503);
    expect(refused.message).toBe(UNREACHABLE_MESSAGE);
    const timeout = fromThrown(new DOMException('The operation timed out.', 'TimeoutError'));
    expect(timeout.message).toBe(TIMEOUT_MESSAGE);
  });

  it('reports an unreadable answer as unexpected', () => {
    const error = fromThrown(new SyntaxError('Unexpected token < in JSON'));
    expect(error.kind).toBe('unexpected');
    expect(error.status).toBe(502);
  });
});

describe('callApi', () => {
  it('returns the data of a successful call', async () => {
    const data = await callApi(async () => ({ data: { ok: 1 }, response: new Response(null, { status: 200 }) }));
    expect(data).toEqual({ ok: 1 });
  });

  it('throws the problem of a failed call as a ServiceError', async () => {
    const response = problem(403, { title: 'Forbidden', detail: 'Only the owner may do this.' });
    const body: unknown = await response.clone().json();
    const error = await callApi(async () => ({ error: body, response })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ kind: 'forbidden', status: 403, message: 'Only the owner may do this.' });
  });

  it('throws "unavailable" when the request itself fails', async () => {
    const error = await callApi(async () => {
      throw new TypeError('fetch failed');
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unavailable', status: 503, message: UNREACHABLE_MESSAGE });
  });
});
