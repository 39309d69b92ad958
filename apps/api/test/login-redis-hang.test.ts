/**
 * Logins while Redis hangs (issue 14 item 5): a frozen Redis (SIGSTOP: connected, never answering) must turn
 * end-user and operator logins into a prompt 503, as health checks already answer, not a hang. The Redis is
 * this file's own, on a free loopback port; the shared one is never touched.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createConnection, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, expectStatus, type Response, startTestApp, type TestApp, unique } from './harness.js';
import { createAccountWorld, PASSWORD, type AccountWorld } from './world.js';

/** Well above the limiter's one-second command timeout, far below the 25 s a frozen Redis used to cost. */
const BOUND_MS = 3000;

let port: number;
let redis: ChildProcess;
let t: TestApp;
let w: AccountWorld;
let username: string;

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port: free } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return free;
}

function pings(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const finish = (ok: boolean) => (socket.destroy(), resolve(ok));
    socket.setTimeout(500, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => finish(data.toString().startsWith('+PONG')));
  });
}

beforeAll(async () => {
  port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  for (let tries = 0; !(await pings()); tries += 1) {
    if (tries > 100) throw new Error(`redis-server on port ${port} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
  w = await createAccountWorld(t);
  username = unique('frozen');
  expectStatus(
    await t.request('POST', `/tenants/${w.tenantId}/users`, {
      token: w.tokens.admin,
      body: { username, password: PASSWORD },
    }),
    201,
  );
}, 60_000);

afterAll(async () => {
  // Redis answers again before the app closes, so closing its connections does not wait on it.
  if (redis && redis.exitCode === null) redis.kill('SIGCONT');
  await t?.close();
  if (redis && redis.exitCode === null) {
    const exited = once(redis, 'exit');
    redis.kill('SIGTERM');
    await exited;
  }
});

const endUserLogin = () =>
  t.request('POST', `/tenants/${w.tenantId}/auth/login`, { body: { username, password: PASSWORD } });
const operatorLogin = () => t.request('POST', '/auth/login', { body: ADMIN });

async function timed(request: () => Promise<Response>): Promise<{ response: Response; ms: number }> {
  const started = performance.now();
  const response = await request();
  return { response, ms: performance.now() - started };
}

describe('logins while Redis hangs', () => {
  it('answer 503 problem+json within a bounded time, and work again once Redis answers', async () => {
    expectStatus(await endUserLogin(), 200);
    redis.kill('SIGSTOP');
    try {
      for (const login of [endUserLogin, operatorLogin]) {
        const { response, ms } = await timed(login);
        expect(ms).toBeLessThan(BOUND_MS);
        expect(response.status).toBe(503);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.body.detail).toMatch(/brute-force counters \(Redis\) did not answer in time/);
      }
    } finally {
      redis.kill('SIGCONT');
    }
    expectStatus(await endUserLogin(), 200);
    expectStatus(await operatorLogin(), 200);
  }, 30_000);
});
