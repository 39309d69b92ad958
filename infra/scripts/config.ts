/** What `pnpm start` reads from the environment: the variables of API.md §1, with the API's defaults. */
export interface StartConfig {
  databaseUrl: string;
  redisUrl: string;
  apiHost: string;
  apiPort: number;
  adminPort: number;
  adminUsername: string;
  adminPasswordSet: boolean;
}

type Env = Record<string, string | undefined>;

function port(env: Env, name: string, fallback: number, problems: string[]): number {
  const value = env[name];
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > 65535) {
    problems.push(`${name}=${value} must be a port number between 1 and 65535`);
  }
  return parsed;
}

function url(env: Env, name: string, fallback: string, protocols: string[], problems: string[]): string {
  const value = env[name] ?? fallback;
  if (!URL.canParse(value) || !protocols.includes(new URL(value).protocol)) {
    problems.push(`${name} must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL (example: ${fallback})`);
  }
  return value;
}

/** Reads the configuration; `problems` names every bad value (the API validates the rest itself). */
export function readConfig(env: Env = process.env): { config: StartConfig; problems: string[] } {
  const problems: string[] = [];
  const config: StartConfig = {
    databaseUrl: url(
      env,
      'DATABASE_URL',
      'postgres://postgres@127.0.0.1:5432/roster',
      ['postgres:', 'postgresql:'],
      problems,
    ),
    redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:'], problems),
    apiHost: env.API_HOST ?? '127.0.0.1',
    apiPort: port(env, 'API_PORT', 3000, problems),
    adminPort: port(env, 'ADMIN_PORT', 5173, problems),
    adminUsername: env.ROSTER_ADMIN_USERNAME ?? 'admin',
    adminPasswordSet: (env.ROSTER_ADMIN_PASSWORD ?? '') !== '',
  };
  return { config, problems };
}

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
