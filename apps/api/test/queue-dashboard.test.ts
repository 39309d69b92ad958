import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';
import { createAccountWorld } from './world.js';
import { QUEUE_NAMES } from '@roster/domain';

const PROBLEM = 'application/problem+json';

describe('queue dashboard at /api/queues', () => {
  let t: TestApp;
  let ownerToken: string;
  beforeAll(async () => {
    t = await startTestApp();
    ownerToken = (await createAccountWorld(t)).tokens.owner;
  });
  afterAll(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  it('answers 401 without a token or with an unknown one, for the page, its assets and its API', async () => {
    for (const url of ['/api/queues', '/api/queues/api/queues', '/api/queues/static/favicon-32x32.png']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(401);
      expect(response.headers['content-type']).toContain(PROBLEM);
      expect(response.json()).toMatchObject({
        type: 'https://roster.dev/problems/401',
        title: 'Not authenticated',
        status: 401,
      });
    }
    expect((await get('/api/queues', { authorization: 'Bearer nonsense' })).statusCode).toBe(401);
    expect((await get('/api/queues?token=nonsense')).statusCode).toBe(401);
    expect((await get('/api/queues', { cookie: 'roster_queue_dashboard=nonsense' })).statusCode).toBe(401);
  });

  it('answers 403 to an account owner', async () => {
    for (const response of [
      await get('/api/queues', { authorization: `Bearer ${ownerToken}` }),
      await get(`/api/queues?token=${ownerToken}`),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.headers['content-type']).toContain(PROBLEM);
      expect(response.json()).toMatchObject({ title: 'Not allowed', status: 403 });
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  it('serves the dashboard page to a platform admin with a bearer header', async () => {
    const response = await get('/api/queues', { authorization: `Bearer ${t.adminToken}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<html');
    expect(response.body).toContain('<base href="/api/queues/" />');
    const asset = await get('/api/queues/static/favicon-32x32.png', { authorization: `Bearer ${t.adminToken}` });
    expect(asset.statusCode).toBe(200);
  });

  it('turns ?token= into an httpOnly cookie, redirects without it, and the cookie opens the board and its API', async () => {
    const first = await get(`/api/queues?token=${encodeURIComponent(t.adminToken)}&tab=latency`);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/api/queues?tab=latency');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/^roster_queue_dashboard=[^;]+;/);
    expect(setCookie).toContain('Path=/api/queues');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    const cookie = setCookie.split(';')[0]!;

    const page = await get(String(first.headers.location), { cookie });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html');

    const api = await get('/api/queues/api/queues', { cookie });
    expect(api.statusCode).toBe(200);
    const names = (api.json() as { queues: { name: string }[] }).queues.map((queue) => queue.name);
    // Every queue of the registry (the dormant-user policies' `lifecycle` queue among them).
    expect(names.sort()).toEqual([...QUEUE_NAMES].sort());
    expect(names).toContain('lifecycle');
  });
});
