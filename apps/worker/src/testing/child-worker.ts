/**
 * The built worker (`node dist/main.js`) as a child process on a test's database and queue prefix,
 * for what an in-process context cannot show: signals, a killed process, the exit code. Build first:
 * `pnpm --filter @roster/worker build` (the root `pnpm test` does). For tests only (the worker's own, and
 * the API's as @roster/worker/testing, which run workers beside API replicas); no production code imports it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChildExit, watchChild } from '@roster/ops/testing';
import type { Queue } from 'bullmq';
import type { WorkerConfig } from '../config/config.js';

// apps/worker, from src/testing (the worker's tests) and from dist/testing (the API's).
const WORKER_DIR = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(WORKER_DIR, 'dist/main.js');
export const STEP_MS = 15_000;

/** A clear failure instead of a test of yesterday's code. */
export function assertBuildIsFresh(): void {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`pnpm --filter @roster/worker build\` first`);
  const built = statSync(MAIN).mtimeMs;
  const sources = readdirSync(join(WORKER_DIR, 'src'), { recursive: true, encoding: 'utf8' });
  const newer = sources.filter(
    (file) => file.endsWith('.ts') && statSync(join(WORKER_DIR, 'src', file)).mtimeMs > built,
  );
  if (newer.length > 0) {
    throw new Error(`dist/ is older than src/${newer[0]}: run \`pnpm --filter @roster/worker build\` first`);
  }
}

/** Polls `probe` until it returns a value; fails after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = STEP_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface ChildWorker {
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves once the process is gone, with how it ended and when. */
  exited: Promise<ChildExit>;
}

/** Starts `node dist/main.js` on the config's database and prefix; resolves once it consumes `queue`. */
export async function startChildWorker(
  config: Pick<WorkerConfig, 'databaseUrl' | 'redisUrl' | 'queuePrefix'>,
  queue: Queue,
  env: Record<string, string> = {},
): Promise<ChildWorker> {
  const child = spawn(process.execPath, [MAIN], {
    cwd: WORKER_DIR,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      // Its ops server on a port of its own, so it never meets another worker's (or a running `pnpm start`).
      WORKER_PORT: String(await freePort()),
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redisUrl,
      ROSTER_QUEUE_PREFIX: config.queuePrefix,
      USAGE_RECOUNT_EVERY: '1h',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { output, exited } = watchChild(child);
  const workersBefore = await queue.getWorkersCount();
  await until('the child worker to consume', async () => {
    if (child.exitCode !== null) throw new Error(`The child worker exited (${child.exitCode}):\n${output()}`);
    if (!output().includes('Roster worker ready')) return undefined;
    return (await queue.getWorkersCount()) > workersBefore ? true : undefined;
  });
  return { child, output, exited };
}

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
