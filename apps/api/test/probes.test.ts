import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ShutdownState } from '../src/shutdown/shutdown-state.js';
import { startTestApp, type TestApp } from './harness.js';

/** The newest migration's row: deleting it makes the database look one migration behind this build. */
async function latestMigration(t: TestApp): Promise<{ timestamp: string; name: string }> {
  const { rows } = await t.db.query('SELECT "timestamp", name FROM roster_migrations ORDER BY id DESC LIMIT 1');
  return rows[0] as { timestamp: string; name: string };
}

/** Runs `sql` on the server's maintenance database (not the app's, whose connections it may cut). */
async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${inject('testDatabase').server}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('GET /api/health/live and /api/health/ready', () => {
  let up: TestApp;
  let behind: TestApp;
  let redisDown: TestApp;
  let dbDown: TestApp; // its test pool stays unused, so cutting the database's connections leaves it alone
  beforeAll(async () => {
    [up, behind, dbDown, redisDown] = await Promise.all([
      startTestApp({}, { signIn: false }),
      startTestApp({}, { signIn: false }),
      startTestApp({}, { signIn: false }),
      // Nothing listens on port 1.
      startTestApp({ REDIS_URL: 'redis://127.0.0.1:1' }, { signIn: false }),
    ]);
  });
  afterAll(async () => Promise.all([up?.close(), behind?.close(), dbDown?.close(), redisDown?.close()]));

  it('is ready on a migrated database with Redis up, and live', async () => {
    expect(await up.request('GET', '/api/health/ready')).toMatchObject({
      status: 200,
      body: { status: 'ready', database: 'up', redis: 'up', migrations: 'up-to-date' },
    });
    const ready = await up.request('GET', '/api/health/ready');
    expect(Object.keys(ready.body).sort()).toEqual(['database', 'migrations', 'redis', 'status']);
    expect(await up.request('GET', '/api/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('is not ready while a migration of this build has not run, naming it; live all the same', async () => {
    const latest = await latestMigration(behind);
    const missing = latest.name;
    await behind.db.query('DELETE FROM roster_migrations WHERE name = $1', [missing]);
    expect(await behind.request('GET', '/api/health/ready')).toMatchObject({
      status: 503,
      body: { status: 'not-ready', database: 'up', redis: 'up', migrations: 'pending', pendingMigrations: [missing] },
    });
    expect(await behind.request('GET', '/api/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });

    // Migrated (as the API's start-up would): ready. The answer is then kept, so probes stop querying
    // the migrations table; a row deleted afterwards goes unnoticed, which is the price of that.
    await behind.db.query('INSERT INTO roster_migrations ("timestamp", name) VALUES ($1, $2)', [
      latest.timestamp,
      missing,
    ]);
    expect((await behind.request('GET', '/api/health/ready')).status).toBe(200);
    await behind.db.query('DELETE FROM roster_migrations WHERE name = $1', [missing]);
    expect(await behind.request('GET', '/api/health/ready')).toMatchObject({
      status: 200,
      body: { migrations: 'up-to-date' },
    });
  });

  it('is not ready while Redis does not answer, and says so within the check timeout; live all the same', async () => {
    const started = Date.now();
    const ready = await redisDown.request('GET', '/api/health/ready');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(ready).toMatchObject({
      status: 503,
      body: { status: 'not-ready', database: 'up', redis: 'down', migrations: 'up-to-date' },
    });
    expect(await redisDown.request('GET', '/api/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('is not ready while PostgreSQL refuses connections, and ready again once it accepts them; live all the same', async () => {
    expect((await dbDown.request('GET', '/api/health/ready')).status).toBe(200);
    const name = new URL(dbDown.config.databaseUrl).pathname.slice(1);
    await onServer(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    try {
      await onServer(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
      const started = Date.now();
      const ready = await dbDown.request('GET', '/api/health/ready');
      expect(Date.now() - started).toBeLessThan(1500);
      expect(ready).toMatchObject({
        status: 503,
        body: { status: 'not-ready', database: 'down', redis: 'up', migrations: 'up-to-date' },
      });
      expect(await dbDown.request('GET', '/api/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
    } finally {
      await onServer(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    }
    expect(await dbDown.request('GET', '/api/health/ready')).toMatchObject({ status: 200, body: { database: 'up' } });
  });

  it('is not ready once shutdown began, and closes each connection after its response; live all the same', async () => {
    const before = await up.app.inject({ method: 'GET', url: '/api/health/live' });
    expect(before.headers.connection).not.toBe('close');

    up.app.get(ShutdownState).begin();
    expect(await up.request('GET', '/api/health/ready')).toMatchObject({
      status: 503,
      body: { status: 'not-ready', database: 'up', redis: 'up', migrations: 'up-to-date', shuttingDown: true },
    });
    const live = await up.app.inject({ method: 'GET', url: '/api/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.headers.connection).toBe('close');
  });

  it('documents both probes as public operations in the OpenAPI document', async () => {
    const { body } = await redisDown.request('GET', '/api/openapi.json');
    for (const path of ['/api/health/live', '/api/health/ready']) {
      const operation = body.paths[path].get;
      expect(operation.summary).toMatch(/probe/);
      expect(operation.description.length).toBeGreaterThan(50);
      expect(operation.security).toEqual([]);
    }
    expect(Object.keys(body.paths['/api/health/ready'].get.responses)).toEqual(['200', '503']);
    expect(body.components.schemas.Readiness.properties.migrations.enum).toEqual(['up-to-date', 'pending', 'unknown']);
  });
});
