/**
 * The console's probe route (/healthz, used by the container HEALTHCHECK and Kubernetes probes) on the
 * built console: it answers at once from the console alone, even with a session cookie and an API that
 * accepts connections but never answers, and it never reaches that API.
 */
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts, requireFile, type Service, startService, stopService, waitForHttp } from './harness';
import { adminEnv } from './stack';

const adminDir = fileURLToPath(new URL('../../', import.meta.url));

let hangingApi: Server;
const apiConnections: Socket[] = [];
let admin: Service | undefined;
let adminUrl: string;

beforeAll(async () => {
  requireFile(`${adminDir}build/handler.js`, 'build the console first: `pnpm --filter @roster/admin build`');
  // An "API" that takes connections and never answers: any call the console made to it would hang.
  hangingApi = createServer((socket) => apiConnections.push(socket));
  hangingApi.listen(0, '127.0.0.1');
  await once(hangingApi, 'listening');
  const apiPort = (hangingApi.address() as { port: number }).port;

  const [adminPort] = (await freePorts(1)) as [number];
  adminUrl = `http://127.0.0.1:${adminPort}`;
  admin = startService('admin console', ['server.js'], {
    cwd: adminDir,
    env: adminEnv(adminPort, `http://127.0.0.1:${apiPort}`),
  });
  await waitForHttp(admin, `${adminUrl}/healthz`, 200, 30_000);
});

afterAll(async () => {
  await stopService(admin);
  for (const socket of apiConnections) socket.destroy();
  hangingApi?.close();
});

describe('GET /healthz', () => {
  it('answers 200 "ok" as plain text, never cached', async () => {
    const response = await fetch(`${adminUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toBe('ok');
  });

  it('answers at once with a session cookie, without asking the API who it belongs to', async () => {
    const started = Date.now();
    const response = await fetch(`${adminUrl}/healthz`, {
      headers: { cookie: 'roster_session=a-token-the-api-would-be-asked-about' },
      signal: AbortSignal.timeout(5000),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    // A session lookup would have waited for the API's 10 s timeout.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(apiConnections).toHaveLength(0);
  });

  it('still sends a page request with that cookie to the API (the check above is not vacuous)', async () => {
    const page = fetch(`${adminUrl}/login`, {
      headers: { cookie: 'roster_session=a-token-the-api-would-be-asked-about' },
      signal: AbortSignal.timeout(15_000),
    }).catch(() => undefined);
    const deadline = Date.now() + 5000;
    while (apiConnections.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(apiConnections.length).toBeGreaterThan(0);
    for (const socket of apiConnections.splice(0)) socket.destroy();
    await page;
  });
});
