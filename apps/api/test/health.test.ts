import { QUEUE_NAMES } from '@roster/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

describe('GET /api/health', () => {
  let up: TestApp;
  let redisDown: TestApp;
  beforeAll(async () => {
    up = await startTestApp();
    // Nothing listens on port 1: the API must start anyway and report Redis as down.
    redisDown = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1' }, { signIn: false });
  });
  afterAll(async () => Promise.all([up?.close(), redisDown?.close()]));

  it('answers ok when PostgreSQL and Redis answer', async () => {
    const response = await up.request('GET', '/api/health');
    expect(response).toMatchObject({ status: 200, body: { status: 'ok', database: 'up', redis: 'up' } });
  });

  it('answers 503 naming Redis when it is down', async () => {
    const response = await redisDown.request('GET', '/api/health');
    expect(response).toMatchObject({ status: 503, body: { database: 'up', redis: 'down' } });
  });

  it('reports job counts per queue while Redis is up, and none while it is down', async () => {
    const counts = { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 };
    const response = await up.request('GET', '/api/health');
    expect(response.status).toBe(200);
    expect(response.body.queues).toEqual(Object.fromEntries(QUEUE_NAMES.map((queue) => [queue, counts])));

    const started = Date.now();
    const down = await redisDown.request('GET', '/api/health');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(down).toMatchObject({ status: 503, body: { database: 'up', redis: 'down' } });
    expect(down.body.queues ?? null).toBeNull();
  });

  it('refuses logins with 503 while Redis is down, since nothing would count failures', async () => {
    const response = await redisDown.request('POST', '/auth/login', {
      body: { username: 'root-admin', password: 'platform-admin-password' },
    });
    expect(response.status).toBe(503);
    expect(response.body.detail).toMatch(/brute-force counters \(Redis\)/);
  });

  it('serves the OpenAPI 3.1 document and the docs page', async () => {
    const document = await up.request('GET', '/api/openapi.json');
    expect(document.body.openapi).toBe('3.1.0');
    expect(Object.keys(document.body.paths)).toContain(
      '/api/v1/environments/{environmentId}/applications/{applicationKey}',
    );
    expect(Object.keys(document.body.components.schemas.Health.properties)).toContain('queues');
    expect(document.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const docs = await up.app.inject({ method: 'GET', url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('<html');
  });
});
