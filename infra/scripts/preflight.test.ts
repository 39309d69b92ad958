import { createServer, type Server } from 'node:net';
import { ConfigError, readStartConfig } from '@roster/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPortFree, checkPostgres, checkRedis, preflight } from './preflight.js';

// Real local services (DESIGN.md §9): the defaults of API.md §1 unless DATABASE_URL / REDIS_URL say otherwise.
const config = readStartConfig();

describe('preflight against real services', () => {
  it('finds PostgreSQL reachable', async () => {
    expect(await checkPostgres(config.databaseUrl)).toEqual({ ok: true, name: 'PostgreSQL' });
  });

  it('finds Redis reachable', async () => {
    expect(await checkRedis(config.redisUrl)).toEqual({ ok: true, name: 'Redis' });
  });

  it('passes with the configured services and free ports', async () => {
    const free = { ...config, apiPort: 0, adminPort: 0 };
    expect(await preflight(free)).toEqual([]);
  });
});

describe('preflight with nothing listening', () => {
  it('says how to start PostgreSQL', async () => {
    const check = await checkPostgres('postgres://postgres@127.0.0.1:1/roster', 1000);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.message).toContain('PostgreSQL is not answering at 127.0.0.1:1');
    expect(check.message).toContain('pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start');
    expect(check.message).toContain('sudo apt-get install -y postgresql');
    expect(check.message).toContain('docker compose -f infra/docker-compose.yml up -d');
  });

  it('says how to start Redis, quickly and without retrying', async () => {
    const started = Date.now();
    const check = await checkRedis('redis://127.0.0.1:1', 1000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.message).toContain('Redis is not answering at 127.0.0.1:1');
    expect(check.message).toContain(
      'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
    );
    expect(check.message).toContain('docker compose -f infra/docker-compose.yml up -d');
  });

  it('reports every failure of a full preflight', async () => {
    const down = {
      ...config,
      databaseUrl: 'postgres://postgres:secret@127.0.0.1:1/roster',
      redisUrl: 'redis://127.0.0.1:1',
      apiPort: 0,
      adminPort: 0,
    };
    const failed = await preflight(down);
    expect(failed.map((check) => check.name)).toEqual(['PostgreSQL', 'Redis']);
    expect(failed.map((check) => check.message).join('\n')).not.toContain('secret');
  });
});

describe('port check', () => {
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('refuses a port in use', async () => {
    const check = await checkPortFree('127.0.0.1', port, 'API_PORT');
    expect(check).toMatchObject({
      ok: false,
      message: expect.stringContaining(`Port ${port} on 127.0.0.1 is already in use`),
    });
  });
});

describe('configuration', () => {
  it('uses the defaults of API.md §1', () => {
    expect(readStartConfig({})).toEqual({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/roster',
      redisUrl: 'redis://127.0.0.1:6379',
      apiHost: '127.0.0.1',
      apiPort: 3000,
      adminPort: 5173,
      adminUsername: 'admin',
      adminPasswordSet: false,
    });
    expect(readStartConfig({ ROSTER_ADMIN_PASSWORD: 'a-long-password' }).adminPasswordSet).toBe(true);
  });

  it('names bad values', () => {
    const read = () => readStartConfig({ API_PORT: 'x', DATABASE_URL: 'mysql://h/db' });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/API_PORT=x must be a port number between 1 and 65535/);
    const problems = () => {
      try {
        read();
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems()).toHaveLength(2);
  });
});
