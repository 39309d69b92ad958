import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

const useColor = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;

/** Wraps text in an ANSI color (36 cyan, 35 magenta, 33 yellow, 31 red, 32 green, 1 bold) when on a terminal. */
export function paint(code: number, text: string): string {
  return useColor ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export interface Service {
  name: string;
  color: number;
  /** The JavaScript file node runs. */
  script: string;
  /** Options for node itself (before the script). */
  nodeArgs?: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface Exit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

function pipeLines(from: Readable, to: Writable, prefix: string): void {
  createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => to.write(`${prefix} ${line}\n`));
}

/** Runs the services as child processes with prefixed output and stops them together. */
export class Supervisor {
  private readonly running = new Map<string, ChildProcess>();
  private readonly stopController = new AbortController();
  private stopped: Promise<void> | undefined;
  private reportExit: (exit: Exit) => void = () => undefined;

  /** Settles when a child exits on its own, i.e. not because stopAll() asked it to. */
  readonly firstExit = new Promise<Exit>((resolve) => {
    this.reportExit = resolve;
  });

  /** Aborted once stopAll() has begun: waits in progress give up. */
  get signal(): AbortSignal {
    return this.stopController.signal;
  }

  start(service: Service): void {
    const prefix = paint(service.color, `[${service.name}]`);
    const child = spawn(process.execPath, [...(service.nodeArgs ?? []), service.script], {
      cwd: service.cwd,
      env: service.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.running.set(service.name, child);
    pipeLines(child.stdout, process.stdout, prefix);
    pipeLines(child.stderr, process.stderr, prefix);
    child.on('error', (error) => process.stderr.write(`${prefix} ${paint(31, `could not run: ${error.message}`)}\n`));
    child.on('close', (code, signal) => {
      this.running.delete(service.name);
      if (!this.signal.aborted) this.reportExit({ name: service.name, code, signal });
    });
  }

  /** SIGTERM to every child, SIGKILL to those still running after graceMs. Safe to call more than once. */
  stopAll(graceMs = 10_000): Promise<void> {
    this.stopped ??= this.stop(graceMs);
    return this.stopped;
  }

  private async stop(graceMs: number): Promise<void> {
    this.stopController.abort();
    const children = [...this.running.values()];
    const closed = children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('close', () => resolve());
          child.kill('SIGTERM');
        }),
    );
    const killer = setTimeout(() => {
      for (const child of this.running.values()) child.kill('SIGKILL');
    }, graceMs);
    await Promise.all(closed);
    clearTimeout(killer);
  }
}

/** Polls url until accept(status) holds; gives up after timeoutMs or when signal aborts. */
export async function waitForHttp(
  url: string,
  options: { timeoutMs: number; signal: AbortSignal; accept: (status: number) => boolean },
): Promise<{ ok: true } | { ok: false; last: string }> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline && !options.signal.aborted) {
    try {
      const response = await fetch(url, {
        redirect: 'manual',
        signal: AbortSignal.any([options.signal, AbortSignal.timeout(2000)]),
      });
      const body = (await response.text()).slice(0, 300);
      if (options.accept(response.status)) return { ok: true };
      last = `${response.status} ${body}`;
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      last = cause?.code ?? cause?.message ?? (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { ok: false, last };
}
