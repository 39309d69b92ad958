/**
 * Helpers for the end-to-end tests: a throw-away PostgreSQL database, the real API and the
 * built console as child processes, and clean-up of everything they leave behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import pg from 'pg';

export const POSTGRES_URL = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function randomId(bytes = 4): string {
  return randomBytes(bytes).toString('hex');
}

/** Fails with a message that says how to fix it when a file the test needs is missing. */
export function requireFile(path: string, howToFix: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${howToFix}`);
}

/** Creates an empty database and returns its URL. */
export async function createDatabase(name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unsafe database name ${name}`);
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.href;
}

export async function dropDatabase(name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unsafe database name ${name}`);
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
/**
 * Ports free right now and distinct from each other: every probe stays bound until all are chosen,
 * so the system cannot hand the same port out twice (e.g. the "nowhere" API port must never be
 * one a service is about to listen on).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.unref();
          server.on('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

export interface Service {
  name: string;
  child: ChildProcess;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
  exited: Promise<number | null>;
}

export function startService(name: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Service {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { name, child, output: () => output, exited };
}

/** Waits until `url` answers with `status`, failing early (with the service's output) if it exits. */
export async function waitForHttp(service: Service, url: string, status: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void service.exited.then((code) => (exitCode = code));
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`${service.name} exited (code ${exitCode}) before ${url} answered:\n${service.output()}`);
    }
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
      if (response.status === status) return;
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${url} did not answer ${status} within ${timeoutMs} ms (last: ${last}). ${service.name} said:\n${service.output()}`,
  );
}

/** SIGTERM, then SIGKILL if the process is still there after `graceMs`. */
export async function stopService(service: Service | undefined, graceMs = 10_000): Promise<void> {
  if (!service || service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill('SIGTERM');
  const timer = setTimeout(() => service.child.kill('SIGKILL'), graceMs);
  await service.exited;
  clearTimeout(timer);
}

/** Deletes the Redis keys under `prefix` (BullMQ queues of one run), speaking RESP directly. */
export async function deleteRedisKeys(prefix: string, redisUrl = REDIS_URL): Promise<number> {
  if (!/^[A-Za-z0-9_.-]+$/.test(prefix)) throw new Error(`Unsafe Redis prefix ${prefix}`);
  const url = new URL(redisUrl);
  const script =
    "local n = 0 local cursor = '0' repeat " +
    "local r = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000) cursor = r[1] " +
    "for _, k in ipairs(r[2]) do redis.call('DEL', k) n = n + 1 end until cursor == '0' return n";
  const command = ['EVAL', script, '0', `*${prefix}*`];
  const payload = `*${command.length}\r\n${command.map((part) => `$${Buffer.byteLength(part)}\r\n${part}\r\n`).join('')}`;
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 6379) });
    socket.setTimeout(5000, () => socket.destroy(new Error('Redis did not answer')));
    let answer = '';
    socket.on('connect', () => socket.write(payload));
    socket.on('data', (data) => {
      answer += data.toString();
      if (answer.endsWith('\r\n')) {
        socket.end();
        if (answer.startsWith(':')) resolve(Number(answer.slice(1).trim()));
        else reject(new Error(`Redis answered ${answer.trim()}`));
      }
    });
    socket.on('error', reject);
  });
}
