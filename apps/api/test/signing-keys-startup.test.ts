/**
 * The built API's start against stored signing keys (docs/deploy.md, Rotating ENCRYPTION_KEYS): it re-wraps
 * them with the first key listed, and refuses to start, with a message and no stack, when a key they need is
 * not listed. Build first: `pnpm --filter @roster/api build`.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG, type Config } from '../src/config/config.js';
import { type BuiltApi, startBuiltApi } from './built-api.js';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
let api: BuiltApi | undefined;

const entry = (id: string, key: Buffer) => `${id}:${key.toString('base64')}`;
const development = () => t.app.get<Config>(CONFIG).encryptionKeys[0]!;
const wrappingKeyIds = async () =>
  (
    await t.db.query(
      'SELECT DISTINCT wrapping_key_id AS id FROM tenant_signing_keys WHERE private_key IS NOT NULL ORDER BY 1',
    )
  ).rows.map((row) => row.id);

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  // The tenant's first JWKS request makes its signing key, wrapped by the development key.
  expectStatus(await t.request('GET', `/tenants/${w.tenantId}/auth/jwks.json`), 200);
}, 60_000);
afterAll(async () => {
  await api?.cleanup();
  await t?.close();
});

describe('the API’s start', () => {
  it('refuses, naming the missing key and what to do, when a stored key’s wrapping key is not listed', async () => {
    const start = startBuiltApi(
      { ENCRYPTION_KEYS: entry(unique('k').slice(0, 20), randomBytes(32)) },
      { databaseUrl: t.app.get<Config>(CONFIG).databaseUrl },
    );
    const failure = await start.then(
      () => new Error('the API started'),
      (error: Error) => error,
    );
    expect(failure.message).toMatch(/exited \(1\) during start-up/);
    expect(failure.message).toContain('Invalid configuration:');
    expect(failure.message).toMatch(/ENCRYPTION_KEYS must list the key "development": 1 tenant signing key/);
    // A message for a person, not a crash: no stack trace.
    expect(failure.message).not.toMatch(/^\s+at /m);
    expect(await wrappingKeyIds()).toEqual(['development']);
  }, 60_000);

  it('re-wraps the stored keys with the first key listed, so the old one can go', async () => {
    const next = randomBytes(32);
    api = await startBuiltApi(
      { ENCRYPTION_KEYS: `${entry('2027-01', next)},${entry('development', development().key)}` },
      { databaseUrl: t.app.get<Config>(CONFIG).databaseUrl },
    );
    expect(await wrappingKeyIds()).toEqual(['2027-01']);
    await api.cleanup();

    // With the new key only, the API starts and serves the tenant's JWKS.
    api = await startBuiltApi(
      { ENCRYPTION_KEYS: entry('2027-01', next) },
      { databaseUrl: t.app.get<Config>(CONFIG).databaseUrl },
    );
    const response = await fetch(`${api.url}/api/v1/tenants/${w.tenantId}/auth/jwks.json`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { keys: unknown[] }).keys).toHaveLength(1);
  }, 60_000);
});
