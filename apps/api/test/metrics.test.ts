/**
 * GET /metrics (API.md §11): who may scrape it (METRICS_TOKEN, METRICS_PORT, neither), and what it
 * says after real requests, logins, cache use, queued jobs and a recount the real worker ran. Every
 * scrape is parsed strictly (@roster/ops/testing), so a malformed exposition fails too.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { QUEUE_NAMES } from '@roster/domain';
import { createWorkerContext } from '@roster/worker/factory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Caches } from '../src/cache/caches.js';
import { MetricsPortServer } from '../src/metrics/metrics-port.server.js';
import { Queues } from '../src/queues/queues.module.js';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type Exposition, parsePrometheusText, series, valueOf } from '@roster/ops/testing';
import { type AccountWorld, createAccountWorld, PASSWORD } from './world.js';
import { workerConfigFor } from './worker-config.js';

const TOKEN = 'metrics-token-for-tests-0123456789';
const REQUESTS = 'roster_http_request_duration_seconds_count';

async function scrape(t: TestApp, token = TOKEN): Promise<Exposition> {
  const response = await t.app.inject({
    method: 'GET',
    url: '/metrics',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parsePrometheusText(response.body);
}

/** Calls `read` until `done` holds; fails after `timeoutMs`. */
async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('with METRICS_TOKEN', () => {
  let t: TestApp;
  let w: AccountWorld;
  let ipCount = 0;
  const freshIp = () => `10.77.0.${(ipCount += 1)}`;

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN });
    w = await createAccountWorld(t);
  }, 60_000);
  afterAll(async () => t?.close());

  it('refuses a scrape without the token, or with another one, as 401 problem+json', async () => {
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, 'Bearer']) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(JSON.parse(response.body)).toMatchObject({ status: 401, title: 'Not authenticated' });
      expect(response.body).not.toContain('roster_');
    }
    // An operator's session token is not the metrics token: the access guard plays no part here.
    const asAdmin = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${t.adminToken}` },
    });
    expect(asAdmin.statusCode).toBe(401);
  });

  it('lives at the top level only, and stays out of the OpenAPI document', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/metrics' })).statusCode).toBe(404);
    const document = expectStatus(await t.request('GET', '/api/openapi.json'), 200).body;
    expect(Object.keys(document.paths).filter((path) => path.includes('metrics'))).toEqual([]);
  });

  it('times requests by route pattern and status, never by raw URL', async () => {
    const route = '/api/v1/tenants/:tenantId/users';
    const before = await scrape(t);
    for (let i = 0; i < 3; i += 1) {
      expectStatus(await t.request('GET', `/tenants/${w.tenantId}/users`, { token: w.tokens.admin }), 200);
    }
    expectStatus(await t.request('GET', `/tenants/${w.otherTenantId}/users`, { token: w.tokens['tenant-admin'] }), 404);
    expect((await t.app.inject({ method: 'GET', url: `/no/such/${w.tenantId}` })).statusCode).toBe(404);
    const after = await scrape(t);

    const delta = (labels: Record<string, string>) =>
      valueOf(after, REQUESTS, labels) - valueOf(before, REQUESTS, labels);
    expect(delta({ method: 'GET', route, status: '200' })).toBe(3);
    expect(delta({ method: 'GET', route, status: '404' })).toBe(1);
    expect(delta({ method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    // The histogram's buckets and sum agree with its count.
    const labels = { method: 'GET', route, status: '200' };
    expect(valueOf(after, 'roster_http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(
      valueOf(after, REQUESTS, labels),
    );
    expect(valueOf(after, 'roster_http_request_duration_seconds_sum', labels)).toBeGreaterThan(0);
    // No label anywhere holds an id of a path.
    for (const sample of after.samples) expect(JSON.stringify(sample.labels)).not.toContain(w.tenantId);
  });

  it('counts operator and end-user logins by result, and the blocks that failures impose', async () => {
    const user = expectStatus(
      await t.request('POST', `/tenants/${w.tenantId}/users`, {
        token: w.tokens.admin,
        body: { username: unique('metrics-user'), password: PASSWORD },
      }),
      201,
    ).body;
    const endUserLogin = (username: string, password: string, ip = freshIp()) =>
      t.request('POST', `/tenants/${w.tenantId}/auth/login`, { body: { username, password }, remoteAddress: ip });
    const operatorLogin = (username: string, password: string) =>
      t.request('POST', '/auth/login', { body: { username, password }, remoteAddress: freshIp() });

    const before = await scrape(t);
    expectStatus(await operatorLogin('root-admin', 'platform-admin-password'), 200);
    expectStatus(await operatorLogin('root-admin', 'not the password'), 401);
    expectStatus(await operatorLogin(unique('nobody'), 'whatever-password'), 401);
    expectStatus(await endUserLogin(user.username, PASSWORD), 200);
    expectStatus(await endUserLogin(unique('nobody'), PASSWORD), 401);
    // Three wrong passwords block the username from that address (PAIR_BLOCK_STEPS); the fourth is refused.
    const guesser = freshIp();
    for (let i = 0; i < 3; i += 1) expectStatus(await endUserLogin(user.username, 'wrong password', guesser), 401);
    expectStatus(await endUserLogin(user.username, PASSWORD, guesser), 429);
    const after = await scrape(t);

    const delta = (name: string, labels: Record<string, string>) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    const logins = (kind: string, result: string) => delta('roster_logins_total', { kind, result });
    expect(logins('operator', 'logged-in')).toBe(1);
    expect(logins('operator', 'invalid-password')).toBe(1);
    expect(logins('operator', 'invalid-user')).toBe(1);
    expect(logins('end-user', 'logged-in')).toBe(1);
    expect(logins('end-user', 'invalid-user')).toBe(1);
    expect(logins('end-user', 'invalid-password')).toBe(3);
    expect(logins('end-user', 'blocked-user')).toBe(1);
    expect(logins('end-user', 'blocked-ip')).toBe(0);
    expect(delta('roster_login_blocks_total', { kind: 'end-user', scope: 'username' })).toBe(1);
    expect(delta('roster_login_blocks_total', { kind: 'end-user', scope: 'ip' })).toBe(0);
    expect(delta('roster_login_blocks_total', { kind: 'operator', scope: 'username' })).toBe(0);
    // The end-user counts agree with the attempt log the API keeps.
    const { rows } = await t.db.query(
      'SELECT result, count(*)::int AS n FROM login_attempts WHERE user_id = $1 GROUP BY 1',
      [user.id],
    );
    expect(Object.fromEntries(rows.map((row) => [row.result, row.n]))).toEqual({
      'logged-in': 1,
      'invalid-password': 3,
      'blocked-user': 1,
    });
  });

  it('counts an address block once, when its failures reach the step, and the refusals it causes', async () => {
    const ip = freshIp();
    const attempt = () =>
      t.request('POST', `/tenants/${w.tenantId}/auth/login`, {
        body: { username: unique('guess'), password: 'guessed password' },
        remoteAddress: ip,
      });
    const before = await scrape(t);
    // Twenty failures from one address block it (IP_BLOCK_STEPS); each username fails once only.
    for (let i = 0; i < 20; i += 1) expectStatus(await attempt(), 401);
    const atStep = await scrape(t);
    expectStatus(await attempt(), 429);
    const after = await scrape(t);
    const blocks = (exposition: Exposition, scope: string) =>
      valueOf(exposition, 'roster_login_blocks_total', { kind: 'end-user', scope });
    expect(blocks(atStep, 'ip') - blocks(before, 'ip')).toBe(1);
    expect(blocks(after, 'ip') - blocks(atStep, 'ip')).toBe(0);
    expect(blocks(after, 'username') - blocks(before, 'username')).toBe(0);
    const result = (exposition: Exposition, name: string) =>
      valueOf(exposition, 'roster_logins_total', { kind: 'end-user', result: name });
    expect(result(after, 'invalid-user') - result(before, 'invalid-user')).toBe(20);
    expect(result(after, 'blocked-ip') - result(before, 'blocked-ip')).toBe(1);
  });

  it('reports each cache’s hits and misses as the caches counted them', async () => {
    const caches = t.app.get(Caches);
    const before = { ...caches.actors.stats };
    // One lookup of the token per request: the first may fill the cache, the others are served from it.
    for (let i = 0; i < 4; i += 1) expectStatus(await t.request('GET', '/me', { token: w.tokens.owner }), 200);
    const exposition = await scrape(t);
    const { hits, misses } = caches.actors.stats;
    expect(hits + misses - (before.hits + before.misses)).toBe(4);
    expect(hits - before.hits).toBeGreaterThanOrEqual(3);
    for (const [cache, store] of [
      ['actors', caches.actors],
      ['scopes', caches.scopes],
      ['role-catalogs', caches.roleCatalogs],
      ['audiences', caches.audiences],
      ['user-roles', caches.userRoles],
    ] as const) {
      expect(valueOf(exposition, 'roster_cache_lookups_total', { cache, result: 'hit' })).toBe(store.stats.hits);
      expect(valueOf(exposition, 'roster_cache_lookups_total', { cache, result: 'miss' })).toBe(store.stats.misses);
      expect(valueOf(exposition, 'roster_cache_entries', { cache })).toBe(store.size);
    }
    expect(exposition.types.get('roster_cache_lookups_total')).toBe('counter');
  });

  it('reports the database pool and the process', async () => {
    const exposition = await scrape(t);
    const pool = (state: string) => valueOf(exposition, 'roster_db_pool_connections', { state });
    expect(pool('total')).toBeGreaterThanOrEqual(1);
    expect(pool('idle')).toBeLessThanOrEqual(pool('total'));
    expect(series(exposition, 'roster_db_pool_connections', { state: 'waiting' })).toHaveLength(1);
    expect(exposition.types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(valueOf(exposition, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  describe('queue depth and usage', () => {
    let worker: INestApplicationContext | undefined;
    afterAll(async () => worker?.close());

    it('reports each queue’s jobs per state as BullMQ counts them, then the recounted usage', async () => {
      for (const username of ['first', 'second']) {
        expectStatus(
          await t.request('POST', `/tenants/${w.tenantId}/users`, {
            token: w.tokens.admin,
            body: { username: unique(username), email: `${unique(username)}@example.com` },
          }),
          201,
        );
      }
      // No worker yet: the recount request waits in Redis, and the scrape shows it.
      const { jobId } = expectStatus(
        await t.request('POST', `/accounts/${w.accountId}/usage/recount`, { token: w.tokens.admin }),
        202,
      ).body;
      const queued = await scrape(t);
      expect(valueOf(queued, 'roster_metrics_source_up', { source: 'queues' })).toBe(1);
      const queues = t.app.get(Queues);
      for (const name of QUEUE_NAMES) {
        const counts = await queues.get(name).getJobCounts();
        for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed', 'waiting-children']) {
          expect(valueOf(queued, 'roster_queue_jobs', { queue: name, state }), `${name} ${state}`).toBe(
            counts[state] ?? 0,
          );
        }
      }
      expect(valueOf(queued, 'roster_queue_jobs', { queue: 'usage', state: 'waiting' })).toBeGreaterThan(0);
      // Before any snapshot the account has no usage series.
      expect(series(queued, 'roster_usage_users', { account_id: w.accountId })).toEqual([]);

      worker = await createWorkerContext(workerConfigFor(t), { redisConnectTimeoutMs: 5_000 });
      await pollUntil(
        async () => expectStatus(await t.request('GET', `/jobs/${jobId}`, { token: w.tokens.admin }), 200).body.state,
        (state) => state === 'completed' || state === 'failed',
      );
      const {
        rows: [snapshot],
      } = await t.db.query(
        `SELECT internal, external, named, limits FROM account_usage WHERE account_id = $1
          ORDER BY data_as_of DESC, computed_at DESC, id DESC LIMIT 1`,
        [w.accountId],
      );
      expect(snapshot.named).toBeGreaterThanOrEqual(2);

      const counted = await scrape(t);
      expect(valueOf(counted, 'roster_metrics_source_up', { source: 'usage' })).toBe(1);
      for (const dimension of ['internal', 'external', 'named']) {
        expect(valueOf(counted, 'roster_usage_users', { account_id: w.accountId, dimension })).toBe(
          snapshot[dimension],
        );
        const limit = snapshot.limits[dimension];
        expect(series(counted, 'roster_usage_limit', { account_id: w.accountId, dimension })).toHaveLength(
          limit === null ? 0 : 1,
        );
      }
    }, 60_000);
  });
});

describe('with METRICS_PORT', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp({ METRICS_PORT: '0' });
    port = t.app.get(MetricsPortServer).port!;
  }, 60_000);
  afterAll(async () => t?.close());

  it('serves /metrics on its own port without a token, and nothing else there', async () => {
    expect(port).toBeGreaterThan(0);
    const response = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { 'x-request-id': 'scrape-1' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('scrape-1');
    const exposition = parsePrometheusText(await response.text());
    // The harness signed the admin in on the main port: the same registry serves both.
    expect(valueOf(exposition, 'roster_logins_total', { kind: 'operator', result: 'logged-in' })).toBe(1);

    const elsewhere = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers 404 for /metrics on the API port', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(response.body).detail).toContain('METRICS_PORT');
  });

  it('stops listening when the app closes', async () => {
    const other = await startTestApp({ METRICS_PORT: '0' }, { signIn: false });
    const otherPort = other.app.get(MetricsPortServer).port!;
    expect((await fetch(`http://127.0.0.1:${otherPort}/metrics`)).status).toBe(200);
    await other.close();
    await expect(fetch(`http://127.0.0.1:${otherPort}/metrics`)).rejects.toThrow();
  }, 60_000);
});

describe('with neither METRICS_TOKEN nor METRICS_PORT', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({}, { signIn: false });
  }, 60_000);
  afterAll(async () => t?.close());

  it('answers 404 problem+json saying how to turn metrics on', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = JSON.parse(response.body);
    expect(body).toMatchObject({ status: 404, title: 'Not found' });
    expect(body.detail).toContain('METRICS_TOKEN');
    expect(body.detail).toContain('METRICS_PORT');
  });
});
