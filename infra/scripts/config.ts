/** How `pnpm start` reaches and runs the apps. What it reads from the environment: readStartConfig (@roster/config). */

/** The host to reach a server on from this machine: a wildcard listen address means loopback. */
export function localHost(listenHost: string): string {
  if (listenHost === '' || listenHost === '0.0.0.0' || listenHost === '::') return '127.0.0.1';
  return listenHost.includes(':') ? `[${listenHost}]` : listenHost;
}

/**
 * How node runs the API. V8 lets the old generation grow far past what the API keeps alive when it
 * may (under a few thousand requests a second it held 330 MiB, with ~60 MiB live); 192 MiB keeps the
 * process under 300 MiB at full load at no measurable cost in throughput (docs/performance.md).
 * The same flags are in apps/api's `start` script and the benchmark's launcher.
 */
export const API_NODE_ARGS = ['--max-old-space-size=192'];
