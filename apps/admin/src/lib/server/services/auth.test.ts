import { describe, expect, it } from 'vitest';
import { getCurrentOperator, INVALID_CREDENTIALS_MESSAGE, login, logout, readCredentials } from './auth';
import { UNREACHABLE_MESSAGE } from './errors';
import { fakeApi, formData, type Handler, problem, rejection } from './testing';

const refused: Handler = () => {
  throw new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
  });
};

const operator = {
  id: '01930000-0000-7000-8000-000000000001',
  username: 'admin',
  role: 'platform-admin',
  accountId: null,
  tenantIds: [],
};

describe('login', () => {
  it('posts the credentials and returns the session', async () => {
    const { api, requests } = fakeApi(() =>
      Response.json({ token: 'tok-123', expiresAt: '2030-01-01T00:00:00.000Z', operator }),
    );
    const session = await login(api, { username: 'admin', password: 'correct horse battery' });
    expect(session).toEqual({ token: 'tok-123', expiresAt: new Date('2030-01-01T00:00:00.000Z') });
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('http://api.test/api/v1/auth/login');
    await expect(request?.json()).resolves.toEqual({ username: 'admin', password: 'correct horse battery' });
  });

  it('shows the API’s problem detail on 401', async () => {
    const { api } = fakeApi(() => problem(401, 'The username or password is wrong.'));
    const error = await rejection(login(api, { username: 'admin', password: 'nope' }));
    expect(error.kind).toBe('unauthenticated');
    expect(error.status).toBe(401);
    expect(error.message).toBe('The username or password is wrong.');
  });

  it('says "Username or password is incorrect" when a 401 has no detail', async () => {
    const { api } = fakeApi(() => new Response(null, { status: 401 }));
    const error = await rejection(login(api, { username: 'admin', password: 'nope' }));
    expect(error.message).toBe(INVALID_CREDENTIALS_MESSAGE);
  });

  it('passes on rate limiting with its delay', async () => {
    const { api } = fakeApi(() => new Response(null, { status: 429, headers: { 'retry-after': '30' } }));
    const error = await rejection(login(api, { username: 'admin', password: 'nope' }));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterSeconds).toBe(30);
    expect(error.message).toBe('Too many attempts. Try again in 30 seconds.');
  });

  it('reports an unreachable API clearly instead of crashing', async () => {
    const { api } = fakeApi(refused);
    const error = await rejection(login(api, { username: 'admin', password: 'whatever' }));
    expect(error.kind).toBe('unavailable');
    expect(error.status).toBe(503);
    expect(error.message).toBe(UNREACHABLE_MESSAGE);
  });

  it('rejects a success that carries no token', async () => {
    const { api } = fakeApi(() => Response.json({ operator }));
    const error = await rejection(login(api, { username: 'admin', password: 'whatever' }));
    expect(error.kind).toBe('unexpected');
    expect(error.status).toBe(502);
  });

  it('keeps a session without a readable expiry', async () => {
    const { api } = fakeApi(() => Response.json({ token: 't', expiresAt: 'soon', operator }));
    await expect(login(api, { username: 'a', password: 'b' })).resolves.toEqual({ token: 't', expiresAt: null });
  });
});

describe('getCurrentOperator', () => {
  it('sends the token and returns the operator', async () => {
    const { api, requests } = fakeApi(() => Response.json(operator), 'tok-123');
    await expect(getCurrentOperator(api)).resolves.toEqual(operator);
    expect(requests[0]?.url).toBe('http://api.test/api/v1/me');
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer tok-123');
  });

  it('returns null when the API no longer accepts the token', async () => {
    const { api } = fakeApi(() => problem(401, 'Session expired.'), 'old');
    await expect(getCurrentOperator(api)).resolves.toBeNull();
  });

  it('throws on other failures, so a session is not dropped while the API is down', async () => {
    const down = fakeApi(refused, 'tok');
    expect((await rejection(getCurrentOperator(down.api))).kind).toBe('unavailable');
    const broken = fakeApi(() => problem(500, 'Database exploded.'), 'tok');
    const error = await rejection(getCurrentOperator(broken.api));
    expect(error.status).toBe(502);
    expect(error.message).toBe('Database exploded.');
  });

  it('rejects an answer that is not an operator', async () => {
    const { api } = fakeApi(() => Response.json({ id: 1 }), 'tok');
    expect((await rejection(getCurrentOperator(api))).kind).toBe('unexpected');
  });
});

describe('logout', () => {
  it('posts to the logout route with the token', async () => {
    const { api, requests } = fakeApi(() => new Response(null, { status: 204 }), 'tok-123');
    await expect(logout(api)).resolves.toBeUndefined();
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe('http://api.test/api/v1/auth/logout');
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer tok-123');
  });

  it('treats a token the API no longer knows as signed out', async () => {
    const { api } = fakeApi(() => problem(401, 'Unknown session.'), 'tok');
    await expect(logout(api)).resolves.toBeUndefined();
  });

  it('throws when the API is unreachable', async () => {
    const { api } = fakeApi(refused, 'tok');
    expect((await rejection(logout(api))).kind).toBe('unavailable');
  });
});

describe('readCredentials', () => {
  it('trims the username and keeps the password as typed', () => {
    expect(readCredentials(formData({ username: '  admin ', password: ' secret ' }))).toEqual({
      ok: true,
      credentials: { username: 'admin', password: ' secret ' },
    });
  });

  it('names every missing field', () => {
    expect(readCredentials(formData({ username: '   ' }))).toEqual({
      ok: false,
      username: '',
      fieldErrors: { username: 'Enter your username.', password: 'Enter your password.' },
    });
  });

  it('refuses values longer than the API accepts', () => {
    const result = readCredentials(formData({ username: 'a'.repeat(251), password: 'p'.repeat(257) }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors)).toEqual(['username', 'password']);
  });
});
