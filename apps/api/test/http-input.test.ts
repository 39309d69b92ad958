/**
 * What reaches the API over HTTP before any route sees it (issue 14, items 7 and 10): bearer tokens in
 * the Authorization header only, JSON bodies only (415 otherwise), text PostgreSQL cannot store refused
 * with a 400 naming the field, strict decimal page sizes, and Fastify's own errors as problem+json that
 * never echo the URL.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type Response, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld, PASSWORD } from './world.js';

let t: TestApp;
let w: AccountWorld;
beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
}, 60_000);
afterAll(async () => t?.close());

async function raw(options: { method: string; url: string; headers?: Record<string, string>; payload?: string }) {
  const response = await t.app.inject({
    method: options.method as 'POST',
    url: options.url,
    headers: options.headers ?? {},
    ...(options.payload !== undefined ? { payload: options.payload } : {}),
  });
  return { status: response.statusCode, headers: response.headers, text: response.body };
}

function expectProblem(response: { status: number; headers: Record<string, unknown>; text: string }, status: number) {
  expect(response.status).toBe(status);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  const body = JSON.parse(response.text) as { status: number; title: string; detail: string };
  expect(body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  return body;
}

const userCount = async () => Number((await t.db.query('SELECT count(*) FROM end_users')).rows[0].count);

describe('bearer tokens', () => {
  it('are not accepted in the query string', async () => {
    const response = await raw({ method: 'GET', url: `/api/v1/me?access_token=${encodeURIComponent(w.keys.owner)}` });
    const body = expectProblem(response, 401);
    expect(body.detail).toContain('Authorization header');
  });

  it('are not accepted in a JSON body', async () => {
    const before = await userCount();
    const response = await raw({
      method: 'POST',
      url: `/api/v1/tenants/${w.tenantId}/users`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: unique('u'), access_token: w.keys.admin }),
    });
    expectProblem(response, 401);
    expect(await userCount()).toBe(before);
  });

  it('are accepted in the Authorization header, whatever the case of the scheme', async () => {
    for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
      const response = await raw({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: `${scheme} ${w.keys.owner}` },
      });
      expect(response.status).toBe(200);
    }
    expectProblem(
      await raw({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Basic ${w.keys.owner}` } }),
      401,
    );
  });
});

describe('request bodies', () => {
  it('as a form neither authenticate nor create a user: 415 naming JSON', async () => {
    const before = await userCount();
    const form = new URLSearchParams({ username: unique('form'), access_token: w.keys.admin }).toString();
    const attempts: Record<string, string>[] = [
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${w.keys.admin}` },
    ];
    for (const headers of attempts) {
      const response = await raw({
        method: 'POST',
        url: `/api/v1/tenants/${w.tenantId}/users`,
        headers,
        payload: form,
      });
      const body = expectProblem(response, 415);
      expect(body.detail).toContain('application/json');
    }
    expect(await userCount()).toBe(before);
  });

  it.each(['text/plain', 'multipart/form-data; boundary=x', 'application/xml', 'application/merge-patch+json'])(
    '%s → 415, nothing written',
    async (contentType) => {
      const before = await userCount();
      const response = await raw({
        method: 'POST',
        url: `/api/v1/tenants/${w.tenantId}/users`,
        headers: { 'content-type': contentType, authorization: `Bearer ${w.keys.admin}` },
        payload: JSON.stringify({ username: unique('t') }),
      });
      expectProblem(response, 415);
      expect(await userCount()).toBe(before);
    },
  );

  it('are JSON with or without a charset', async () => {
    for (const contentType of ['application/json', 'application/json; charset=utf-8']) {
      const response = await raw({
        method: 'POST',
        url: `/api/v1/tenants/${w.tenantId}/users`,
        headers: { 'content-type': contentType, authorization: `Bearer ${w.keys.admin}` },
        payload: JSON.stringify({ username: unique('j') }),
      });
      expect(response.status).toBe(201);
    }
  });

  it('that are malformed or too large answer problem+json', async () => {
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${w.keys.admin}` };
    const url = `/api/v1/tenants/${w.tenantId}/users`;
    expectProblem(await raw({ method: 'POST', url, headers, payload: '{"username":' }), 400);
    expectProblem(await raw({ method: 'POST', url, headers, payload: '' }), 400);
    const huge = JSON.stringify({ username: 'x'.repeat(6 * 1024 * 1024) });
    expectProblem(await raw({ method: 'POST', url, headers, payload: huge }), 413);
  });
});

describe('text PostgreSQL cannot store', () => {
  const NUL = 'a\u0000b';

  const fieldsOf = (response: Response) => (response.body.errors as { field: string }[]).map((error) => error.field);
  const expect400Naming = (response: Response, field: string) => {
    expect(response.status).toBe(400);
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
    expect(fieldsOf(response)).toContain(field);
    expect(response.body.detail).toContain(field);
  };

  it('is refused in names, descriptions and usernames of every kind, naming the field', async () => {
    const admin = { token: t.adminToken };
    const cases: [string, string, unknown, string][] = [
      ['POST', '/accounts', { name: NUL, subscription: { model: 'named' } }, 'name'],
      ['PATCH', `/accounts/${w.accountId}`, { name: NUL }, 'name'],
      ['POST', `/accounts/${w.accountId}/environments`, { name: NUL, kind: 'production' }, 'name'],
      ['POST', `/environments/${w.environmentId}/tenants`, { name: NUL }, 'name'],
      ['POST', `/accounts/${w.accountId}/operators`, { username: NUL, password: PASSWORD, role: 'admin' }, 'username'],
      ['POST', `/accounts/${w.accountId}/api-keys`, { name: NUL, role: 'admin' }, 'name'],
      ['POST', `/tenants/${w.tenantId}/users`, { username: 'ok', name: NUL }, 'name'],
      ['POST', `/tenants/${w.tenantId}/users`, { username: NUL }, 'username'],
      ['POST', `/tenants/${w.tenantId}/groups`, { name: 'g', description: NUL }, 'description'],
      [
        'PUT',
        `/environments/${w.environmentId}/applications/crm`,
        { name: 'CRM', roles: [{ key: 'crm.read', name: 'Read', description: NUL }] },
        'roles.0.description',
      ],
      // An unpaired surrogate would be stored as U+FFFD: not what was sent either.
      ['POST', `/tenants/${w.tenantId}/groups`, { name: 'bad \ud800 half' }, 'name'],
    ];
    const before = await userCount();
    for (const [method, path, body, field] of cases) {
      expect400Naming(await t.request(method, path, { ...admin, body }), field);
    }
    expect(await userCount()).toBe(before);
  });

  it('is refused in an end-user login and an operator login (400, not a 500 or a counted failure)', async () => {
    expect400Naming(
      await t.request('POST', `/tenants/${w.tenantId}/auth/login`, { body: { username: NUL, password: PASSWORD } }),
      'username',
    );
    expect400Naming(
      await t.request('POST', '/auth/login', { body: { username: NUL, password: PASSWORD } }),
      'username',
    );
  });

  it('is refused in query strings and path parameters', async () => {
    const token = { token: t.adminToken };
    expect400Naming(await t.request('GET', `/tenants/${w.tenantId}/users?search=a%00b`, token), 'search');
    expect400Naming(await t.request('GET', `/tenants/${w.tenantId}/audit-events?action=user.%00`, token), 'action');
    expect400Naming(await t.request('GET', `/tenants/${w.tenantId}/groups?search=%00`, token), 'search');
    expect400Naming(await t.request('GET', `/tenants/${w.tenantId}/users/a%00b`, token), 'userId');
    expect400Naming(
      await t.request('DELETE', `/tenants/${w.tenantId}/users/${w.tenantId}/roles/crm%00`, token),
      'roleKey',
    );
    expect400Naming(await t.request('GET', `/tenants/${w.tenantId}/users?cursor=%00`, token), 'cursor');
  });

  it('is refused inside a forged cursor', async () => {
    const forged = (value: unknown[]) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const page = expectStatus(
      await t.request('GET', `/accounts/${w.accountId}/environments?limit=1`, { token: t.adminToken }),
      200,
    ).body;
    const [tag] = JSON.parse(Buffer.from(page.nextCursor, 'base64url').toString('utf8')) as [string];
    for (const cursor of [forged([tag, 'a\u0000', w.environmentId]), forged([tag, 'a', 'b\u0000'])]) {
      const response = await t.request('GET', `/accounts/${w.accountId}/environments?cursor=${cursor}`, {
        token: t.adminToken,
      });
      expect400Naming(response, 'cursor');
    }
  });
});

describe('limit', () => {
  it.each(['0x10', '1e2', ' 5', '5.0', '+5', '', '0', '201', '-1', '99999999999'])(
    '%j → 400 naming limit',
    async (limit) => {
      const response = await t.request(
        'GET',
        `/accounts/${w.accountId}/environments?limit=${encodeURIComponent(limit)}`,
        {
          token: t.adminToken,
        },
      );
      expect(response.status).toBe(400);
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['limit']);
    },
  );

  it('takes decimal digits, leading zeros included', async () => {
    for (const [limit, count] of [
      ['1', 1],
      ['002', 2],
      ['200', 2],
    ] as const) {
      const response = expectStatus(
        await t.request('GET', `/accounts/${w.accountId}/environments?limit=${limit}`, { token: t.adminToken }),
        200,
      );
      expect(response.body.items).toHaveLength(count);
    }
  });
});

describe("Fastify's own errors", () => {
  it('answer a malformed percent-encoding with problem+json that does not echo the URL', async () => {
    const response = await raw({ method: 'GET', url: `/api/v1/tenants/%E0%A4%A-secret-marker`, headers: {} });
    const body = expectProblem(response, 400);
    expect(response.text).not.toContain('secret-marker');
    expect(body.detail).toMatch(/encod/);
  });

  it('answer an over-long path segment with a 414 problem that does not echo the URL', async () => {
    // Longer than any username (…/users/by-username/:username takes 250 characters, up to 500 UTF-16 units).
    const response = await raw({ method: 'GET', url: `/api/v1/tenants/${'secret-marker'.repeat(40)}`, headers: {} });
    expectProblem(response, 414);
    expect(response.text).not.toContain('secret-marker');
  });

  it('answer headers too large with a 431 problem, on a real connection', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.getHttpServer().address() as { port: number };
    const answer = await new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port, path: '/api/v1/me', headers: { 'x-big': 'secret-marker'.repeat(2_000) } },
        (response) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString()));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), text }),
          );
        },
      );
      request.on('error', reject);
      request.end();
    });
    expect(answer.status).toBe(431);
    expect(answer.type).toContain('application/problem+json');
    expect(JSON.parse(answer.text)).toMatchObject({ status: 431, detail: expect.any(String) });
    expect(answer.text).not.toContain('secret-marker');

    // A request Node cannot parse at all: problem+json too.
    const garbage = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    expect(garbage).toContain('application/problem+json');
  });
});
