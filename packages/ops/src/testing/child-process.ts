import type { ChildProcess } from 'node:child_process';

/** How a child process ended, and when (for tests that time a shutdown). */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

/**
 * Collects a spawned app's stdout and stderr (stdio piped) and its exit, for tests that start the built
 * API or worker: `output()` is everything it printed so far, for assertions and failure messages.
 */
export function watchChild(child: ChildProcess): { output: () => string; exited: Promise<ChildExit> } {
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<ChildExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return { output: () => output, exited };
}
