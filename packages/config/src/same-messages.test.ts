import { describe, expect, it } from 'vitest';
import { problemsOf } from '../test/problems-of.js';
import { API_VARIABLES, loadApiConfig } from './api-config.js';
import { MIGRATE_VARIABLES, readMigrateConfig } from './migrate-config.js';
import { readStartConfig, START_VARIABLES } from './start-config.js';
import type { Env } from './variable.js';
import { loadWorkerConfig, WORKER_VARIABLES } from './worker-config.js';

const LOADERS: { app: string; names: readonly string[]; load: (env: Env) => unknown }[] = [
  { app: 'api', names: API_VARIABLES, load: loadApiConfig },
  { app: 'worker', names: WORKER_VARIABLES, load: loadWorkerConfig },
  { app: 'infra (pnpm start)', names: START_VARIABLES, load: readStartConfig },
  { app: 'db (migration CLI)', names: MIGRATE_VARIABLES, load: readMigrateConfig },
];

/**
 * A bad value for every variable two or more of them read; null for one that takes any text. A variable that
 * becomes shared without an entry here fails the first test.
 */
const BAD: Record<string, string | null> = {
  DATABASE_URL: 'mysql://root:hunter2@db/roster',
  REDIS_URL: 'not a url',
  REDIS_CLUSTER_NODES: 'redis://:hunter2@cache:6379,cache',
  API_HOST: null,
  API_PORT: '70000',
  ADMIN_PORT: 'http',
  ROSTER_ADMIN_USERNAME: ' ',
  ROSTER_ADMIN_PASSWORD: 'short',
  ROSTER_QUEUE_PREFIX: 'roster prefix',
  USAGE_RECOUNT_EVERY: 'often',
  NODE_ENV: 'staging',
  METRICS_TOKEN: 'too-short',
  LOG_LEVEL: 'verbose',
  LOG_FORMAT: 'text',
  SHUTDOWN_TIMEOUT: '0s',
  ENCRYPTION_KEYS: 'k1:not-32-bytes',
};

const shared = [...new Set(LOADERS.flatMap((loader) => loader.names))].filter(
  (name) => LOADERS.filter((loader) => loader.names.includes(name)).length > 1,
);

const readersOf = (name: string) => LOADERS.filter((loader) => loader.names.includes(name));

/** The one line a loader's ConfigError has for `name`. */
function lineFor(name: string, load: () => unknown): string {
  const lines = problemsOf(load).filter((line) => line.startsWith(`${name}=`) || line.startsWith(`${name} `));
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('a variable read by more than one app', () => {
  it('has a bad value here', () => {
    expect(shared.length).toBeGreaterThan(10);
    expect(shared.filter((name) => !(name in BAD))).toEqual([]);
  });

  it.each(shared.filter((name) => BAD[name] !== null))(
    '%s: the same bad value gets the same message everywhere',
    (name) => {
      const env = { [name]: BAD[name]! };
      const lines = readersOf(name).map(({ app, load }) => ({ app, line: lineFor(name, () => load(env)) }));
      expect(lines.length).toBeGreaterThan(1);
      for (const { app, line } of lines) expect(line, app).toBe(lines[0]!.line);
    },
  );

  it.each(shared.filter((name) => BAD[name] === null))('%s: the same text is read alike everywhere', (name) => {
    for (const { load } of readersOf(name)) expect(() => load({ [name]: '0.0.0.0' })).not.toThrow();
  });
});

describe('messages', () => {
  it('show the value, with a password in a URL masked', () => {
    expect(lineFor('DATABASE_URL', () => loadWorkerConfig({ DATABASE_URL: BAD.DATABASE_URL! }))).toBe(
      'DATABASE_URL=mysql://root:***@db/roster must start with postgres:// or postgresql://',
    );
    expect(lineFor('REDIS_URL', () => loadApiConfig({ REDIS_URL: 'redis//:hunter2@cache' }))).toBe(
      'REDIS_URL=redis//:***@cache is not a URL (example: redis://127.0.0.1:6379)',
    );
  });

  it('never show a secret', () => {
    const secrets = {
      ROSTER_ADMIN_PASSWORD: 'hunter2',
      METRICS_TOKEN: 'hunter2 hunter2 hunter2',
      ENCRYPTION_KEYS: 'k1:hunter2',
    };
    const problems = problemsOf(() => loadApiConfig(secrets));
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('give one line per bad variable', () => {
    const problems = problemsOf(() => loadApiConfig({ ENCRYPTION_KEYS: 'a:x,b:y,c:z', ROSTER_ADMIN_USERNAME: '' }));
    expect(problems).toEqual([
      'ROSTER_ADMIN_USERNAME must be 1–250 characters',
      'ENCRYPTION_KEYS entry 1 must be id:base64 of 32 bytes (id: 1–32 letters, digits, _ . -)',
    ]);
  });
});
