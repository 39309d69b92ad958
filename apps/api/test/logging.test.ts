import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, expectStatus, type Response, startTestApp, type TestApp, unique } from './harness.js';

/** Every log line the app writes, parsed; the app logs at debug so nothing is filtered out before the check. */
const output: string[] = [];
const lines = () =>
  output
    .join('')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, any>);
const requestIdOf = (response: Response) => response.headers['x-request-id'] as string;
/** The one completion line of a request. */
function requestLine(requestId: string): Record<string, any> {
  const found = lines().filter((line) => line.requestId === requestId && 'status' in line);
  expect(found, `one request line for ${requestId}`).toHaveLength(1);
  return found[0]!;
}

const OPERATOR_PASSWORD = 'operator-first-secret-pw';
const OPERATOR_NEW_PASSWORD = 'operator-second-secret-pw';
const USER_PASSWORD = 'end-user-first-secret-pw';
const USER_NEW_PASSWORD = 'end-user-second-secret-pw';
const WRONG_PASSWORD = 'wrong-guess-secret-pw';
const COOKIE_VALUE = 'cookie-session-secret-value';
const X_API_KEY_VALUE = 'x-api-key-header-secret-value';

describe('structured logs', () => {
  let t: TestApp;
  /** Every credential the test sent or received: none may appear in the output. */
  const secrets: string[] = [
    ADMIN.password,
    OPERATOR_PASSWORD,
    OPERATOR_NEW_PASSWORD,
    USER_PASSWORD,
    USER_NEW_PASSWORD,
    WRONG_PASSWORD,
    COOKIE_VALUE,
    X_API_KEY_VALUE,
  ];
  let accountId: string;
  let tenantId: string;
  let operatorId: string;
  let operatorToken: string;
  let userId: string;

  beforeAll(async () => {
    t = await startTestApp(
      { LOG_LEVEL: 'debug' },
      { logDestination: { write: (chunk: string) => void output.push(chunk) } },
    );
    secrets.push(t.adminToken);
    const admin = { token: t.adminToken };
    accountId = expectStatus(
      await t.request('POST', '/accounts', {
        ...admin,
        body: { name: unique('logs'), subscription: { model: 'internal-external' } },
      }),
      201,
    ).body.id;
    const environmentId = expectStatus(
      await t.request('POST', `/accounts/${accountId}/environments`, {
        ...admin,
        body: { name: 'Production', kind: 'production' },
      }),
      201,
    ).body.id;
    tenantId = expectStatus(
      await t.request('POST', `/environments/${environmentId}/tenants`, { ...admin, body: { name: 'Logged' } }),
      201,
    ).body.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('logs one line per request with the caller, the route pattern and the tenant, and never a secret', async () => {
    const admin = { token: t.adminToken };
    const username = unique('logged-operator');
    const created = expectStatus(
      await t.request('POST', `/accounts/${accountId}/operators`, {
        ...admin,
        body: { username, password: OPERATOR_PASSWORD, role: 'owner' },
      }),
      201,
    );
    operatorId = created.body.id;
    secrets.push(await t.login(username, OPERATOR_PASSWORD));
    expectStatus(await t.request('POST', '/auth/login', { body: { username, password: WRONG_PASSWORD } }), 401);
    expectStatus(
      await t.request('PATCH', `/operators/${operatorId}`, { ...admin, body: { password: OPERATOR_NEW_PASSWORD } }),
      200,
    );
    operatorToken = await t.login(username, OPERATOR_NEW_PASSWORD);
    secrets.push(operatorToken);

    const key = expectStatus(
      await t.request('POST', `/accounts/${accountId}/api-keys`, {
        token: operatorToken,
        body: { name: 'logged key', role: 'admin' },
      }),
      201,
    ).body;
    secrets.push(key.key);

    const userCreated = expectStatus(
      await t.request('POST', `/tenants/${tenantId}/users`, {
        token: operatorToken,
        body: { username: 'logged-user', password: USER_PASSWORD },
      }),
      201,
    );
    userId = userCreated.body.id;
    const endUserLogin = expectStatus(
      await t.request('POST', `/tenants/${tenantId}/auth/login`, {
        body: { username: 'logged-user', password: USER_PASSWORD },
      }),
      200,
    );
    secrets.push(endUserLogin.body.accessToken);
    expectStatus(
      await t.request('PUT', `/tenants/${tenantId}/users/${userId}/password`, {
        token: operatorToken,
        body: { password: USER_NEW_PASSWORD },
      }),
      204,
    );
    const byKey = expectStatus(
      await t.request('GET', `/tenants/${tenantId}/users/${userId}`, {
        token: key.key,
        headers: { cookie: `session=${COOKIE_VALUE}`, 'x-api-key': X_API_KEY_VALUE },
      }),
      200,
    );

    const text = output.join('');
    for (const secret of secrets) expect(text, 'a secret reached the log').not.toContain(secret);

    expect(requestLine(requestIdOf(created))).toMatchObject({
      level: 'info',
      service: 'api',
      method: 'POST',
      route: '/api/v1/accounts/:accountId/operators',
      status: 201,
      actorType: 'platform-admin',
      accountId,
      msg: 'request completed',
    });
    expect(requestLine(requestIdOf(userCreated))).toMatchObject({
      method: 'POST',
      route: '/api/v1/tenants/:tenantId/users',
      status: 201,
      actorType: 'operator',
      actorId: operatorId,
      accountId,
      tenantId,
    });
    expect(requestLine(requestIdOf(userCreated)).durationMs).toEqual(expect.any(Number));
    // A public route scoped to a tenant: no actor, but the tenant it resolved.
    const loginLine = requestLine(requestIdOf(endUserLogin));
    expect(loginLine).toMatchObject({ route: '/api/v1/tenants/:tenantId/auth/login', status: 200, tenantId });
    expect(loginLine).not.toHaveProperty('actorId');
    expect(requestLine(requestIdOf(byKey))).toMatchObject({
      method: 'GET',
      route: '/api/v1/tenants/:tenantId/users/:userId',
      status: 200,
      actorType: 'api-key',
      actorId: key.id,
      tenantId,
    });
  });

  it('echoes and logs a sane X-Request-Id, replaces an unusable one, and tags the other lines of a request', async () => {
    const given = expectStatus(
      await t.request('GET', '/me', { token: t.adminToken, headers: { 'x-request-id': 'trace-42.abc_DEF' } }),
      200,
    );
    expect(requestIdOf(given)).toBe('trace-42.abc_DEF');
    expect(requestLine('trace-42.abc_DEF')).toMatchObject({ route: '/api/v1/me', status: 200 });

    const unusable = await t.request('GET', '/me', { token: t.adminToken, headers: { 'x-request-id': 'a b\tc' } });
    expect(requestIdOf(unusable)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLine(requestIdOf(unusable)).status).toBe(200);

    // A 404 is logged at debug by the problem filter, inside the request: that line carries the request id.
    const missing = expectStatus(
      await t.request('GET', `/tenants/${tenantId}/users/${tenantId}`, { token: operatorToken }),
      404,
    );
    const inside = lines().filter((line) => line.requestId === requestIdOf(missing) && !('status' in line));
    expect(inside).toContainEqual(
      expect.objectContaining({ level: 'debug', context: 'ProblemFilter', msg: 'Answered 404 Not found' }),
    );
    expect(requestLine(requestIdOf(missing))).toMatchObject({ status: 404, actorId: operatorId, tenantId });
  });

  it('answers an unexpected error with its request id and logs it once, with its stack, on the request line', async () => {
    await t.db.query('ALTER TABLE login_attempts RENAME TO login_attempts_gone');
    let failed: Response;
    try {
      failed = await t.request('GET', `/tenants/${tenantId}/users/${userId}/login-attempts`, {
        token: operatorToken,
        headers: { 'x-request-id': 'will-fail-1' },
      });
    } finally {
      await t.db.query('ALTER TABLE login_attempts_gone RENAME TO login_attempts');
    }
    expectStatus(failed, 500);
    expect(failed.headers['content-type']).toContain('application/problem+json');
    expect(failed.body.requestId).toBe('will-fail-1');
    expect(failed.body.detail).toContain('Quote request id will-fail-1');
    expect(failed.body.detail).not.toContain('login_attempts'); // internals stay out of the answer

    const line = requestLine('will-fail-1');
    expect(line).toMatchObject({
      level: 'error',
      route: '/api/v1/tenants/:tenantId/users/:userId/login-attempts',
      status: 500,
      actorId: operatorId,
      tenantId,
      msg: 'request errored',
    });
    expect(line.err.message).toContain('login_attempts');
    expect(line.err.stack).toContain('\n    at ');
    expect(lines().filter((entry) => entry.requestId === 'will-fail-1' && entry.err)).toHaveLength(1);
  });

  it('logs where no route matched with the path and no query string', async () => {
    const response = await t.request('GET', '/no-such-route?token=query-secret-value');
    expect(response.status).toBe(404);
    const line = requestLine(requestIdOf(response));
    expect(line).toMatchObject({ route: null, path: '/api/v1/no-such-route', status: 404 });
    expect(output.join('')).not.toContain('query-secret-value');
  });
});
