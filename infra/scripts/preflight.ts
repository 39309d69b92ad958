import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { StartConfig } from '@roster/config';

/** The outcome of one check: ok, or a message that says what is wrong and how to fix it. */
export type Check = { ok: true; name: string } | { ok: false; name: string; message: string };

export const START_POSTGRES = [
  'Start it with one of:',
  '  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start   # installed (Debian/Ubuntu; as root)',
  '  sudo apt-get install -y postgresql                                         # not installed yet; then the line above',
  '  docker compose -f infra/docker-compose.yml up -d                           # with Docker (PostgreSQL 15 + Redis 7)',
  'or set DATABASE_URL to a PostgreSQL server that runs.',
].join('\n');

export const START_REDIS = [
  'Start it with one of:',
  '  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no   # installed',
  '  sudo apt-get install -y redis-server                                                # not installed yet; then the line above',
  '  docker compose -f infra/docker-compose.yml up -d                                    # with Docker (PostgreSQL 15 + Redis 7)',
  'or set REDIS_URL to a Redis server that runs.',
].join('\n');

/** host:port of a URL, never its credentials. */
function server(url: URL, defaultPort: number): string {
  return `${url.hostname}:${url.port || defaultPort}`;
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  return error instanceof Error ? error.message || String((error as { code?: unknown }).code) : String(error);
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Connects to the server of DATABASE_URL (maintenance database `postgres`; the API creates its own database). */
export async function checkPostgres(databaseUrl: string, timeoutMs = 3000): Promise<Check> {
  const name = 'PostgreSQL';
  const url = new URL(databaseUrl);
  const where = server(url, 5432);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: timeoutMs });
  client.on('error', () => undefined); // a failed connect rejects below; nothing else to report
  try {
    await withTimeout(
      client.connect().then(() => client.query('SELECT 1')),
      timeoutMs + 500,
      `PostgreSQL at ${where}`,
    );
    return { ok: true, name };
  } catch (error) {
    // The server answered and said no (wrong password, no such role, not allowed from this host ...). A password
    // the server asks for but DATABASE_URL lacks fails in the client ("SASL: ... client password must be a string").
    if (error instanceof pg.DatabaseError || /password|SASL|SCRAM/i.test(messageOf(error))) {
      return {
        ok: false,
        name,
        message:
          `PostgreSQL at ${where} answers but refused the connection: ${messageOf(error)}.\n` +
          'Check the user and password in DATABASE_URL (postgres://USER:PASSWORD@HOST:PORT/roster) and pg_hba.conf;\n' +
          'the docker compose file (infra/docker-compose.yml) runs PostgreSQL with trust auth for local use.',
      };
    }
    return {
      ok: false,
      name,
      message: `PostgreSQL is not answering at ${where} (${messageOf(error)}).\n${START_POSTGRES}`,
    };
  } finally {
    await withTimeout(client.end(), 1000, 'closing').catch(() => undefined);
  }
}

/** PINGs the Redis of REDIS_URL once: no offline queue, no reconnect attempts. */
export async function checkRedis(redisUrl: string, timeoutMs = 3000): Promise<Check> {
  const name = 'Redis';
  const where = server(new URL(redisUrl), 6379);
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let cause: unknown; // the socket error; connect() itself only rejects with "Connection is closed."
  redis.on('error', (error) => (cause ??= error));
  try {
    await withTimeout(
      redis.connect().then(() => redis.ping()),
      timeoutMs + 500,
      `Redis at ${where}`,
    );
    return { ok: true, name };
  } catch (error) {
    const message = messageOf(cause ?? error);
    if (/NOAUTH|WRONGPASS|NOPERM/.test(message)) {
      return {
        ok: false,
        name,
        message: `Redis at ${where} answers but refused: ${message}.\nPut the password in REDIS_URL (redis://:PASSWORD@HOST:PORT).`,
      };
    }
    return { ok: false, name, message: `Redis is not answering at ${where} (${message}).\n${START_REDIS}` };
  } finally {
    redis.disconnect();
  }
}

/** Checks that nothing listens on host:port yet (else a health check could reach another process). */
export function checkPortFree(host: string, port: number, variable: string): Promise<Check> {
  const name = `${variable} ${port}`;
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      const message =
        error.code === 'EADDRINUSE'
          ? `Port ${port} on ${host} is already in use (is Roster already running?). Stop that process or set ${variable} to a free port.`
          : `Cannot listen on ${host}:${port} (${error.message}). Set ${variable} to a usable port.`;
      resolve({ ok: false, name, message });
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve({ ok: true, name })));
  });
}

/** Everything that must hold before `pnpm start` launches the services. Returns the failed checks. */
export async function preflight(config: StartConfig): Promise<Extract<Check, { ok: false }>[]> {
  const checks = await Promise.all([
    checkPostgres(config.databaseUrl),
    checkRedis(config.redisUrl),
    checkPortFree(config.apiHost, config.apiPort, 'API_PORT'),
    checkPortFree('127.0.0.1', config.adminPort, 'ADMIN_PORT'),
  ]);
  return checks.filter((check): check is Extract<Check, { ok: false }> => !check.ok);
}
