/** The API and the worker as child processes, as they run in production (built `dist/main.js`). */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface Service {
  name: string;
  child: ChildProcess;
  output(): string;
  /** Peak resident memory so far, in MiB (VmHWM of /proc/<pid>/status). */
  peakRssMiB(): number | null;
  stop(): Promise<void>;
}

/** As `pnpm start` runs the API (API_NODE_ARGS in infra/scripts/config.ts): its heap is capped at 192 MiB. */
const NODE_ARGS = {
  api: ['--max-old-space-size=192', ...(process.env.BENCH_API_ARGS?.split(' ').filter(Boolean) ?? [])],
  worker: process.env.BENCH_WORKER_ARGS?.split(' ').filter(Boolean) ?? [],
};

export function start(name: 'api' | 'worker', env: NodeJS.ProcessEnv): Service {
  const child = spawn(process.execPath, [...NODE_ARGS[name], `${root}apps/${name}/dist/main.js`], {
    cwd: `${root}apps/${name}`,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-50_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    child,
    output: () => output,
    peakRssMiB() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
        return Number.isFinite(kib) ? Math.round((kib / 1024) * 10) / 10 : null;
      } catch {
        return null;
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function waitForHealth(service: Service, url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`${service.name} exited:\n${service.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${service.output()}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
