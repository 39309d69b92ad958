/**
 * End-user access tokens (API.md §6): EdDSA JWTs an application verifies with nothing but the tenant's JWKS;
 * their claims, tampering, expiry, and key rotation. Time moves with the injectable Clock.
 */
import {
  base64url,
  createLocalJWKSet,
  decodeProtectedHeader,
  generateKeyPair,
  type JWK,
  jwtVerify,
  SignJWT,
} from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { Clock } from '../src/common/clock.js';
import { CONFIG } from '../src/config/config.js';
import { SigningKeys } from '../src/end-user-auth/signing-keys.service.js';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

const PASSWORD = 'end-user passphrase';
const HOUR = 3_600_000;

let t: TestApp;
let w: AccountWorld;
let now: number;
/** A user granted crm.read directly and crm.write through a group. */
let user: { id: string; username: string };

const admin = (method: string, url: string, body?: unknown) => t.request(method, url, { token: w.tokens.admin, body });

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  const clock = t.app.get(Clock);
  clock.now = () => new Date(now);

  expectStatus(
    await admin('PUT', `/environments/${w.environmentId}/applications/crm`, {
      name: 'CRM',
      roles: [
        { key: 'crm.read', name: 'Read' },
        { key: 'crm.write', name: 'Write' },
        { key: 'crm.admin', name: 'Administer' },
      ],
    }),
    201,
  );
  user = expectStatus(
    await admin('POST', `/tenants/${w.tenantId}/users`, { username: unique('holder'), password: PASSWORD }),
    201,
  ).body;
  const group = expectStatus(await admin('POST', `/tenants/${w.tenantId}/groups`, { name: 'Writers' }), 201).body;
  expectStatus(await admin('PUT', `/tenants/${w.tenantId}/users/${user.id}/roles/crm.read`), 204);
  expectStatus(await admin('PUT', `/tenants/${w.tenantId}/groups/${group.id}/roles/crm.write`), 204);
  expectStatus(await admin('PUT', `/tenants/${w.tenantId}/groups/${group.id}/members/${user.id}`), 204);
}, 60_000);
afterAll(async () => t?.close());
// Each test starts from the real time, frozen until the test moves it.
beforeEach(() => {
  now = Date.now();
});

let ipCount = 0;
/** Logs the user in from an address of its own (no login here ever fails, so nothing is ever blocked). */
async function issueToken(): Promise<string> {
  ipCount += 1;
  const response = await t.request('POST', `/tenants/${w.tenantId}/auth/login`, {
    body: { username: user.username, password: PASSWORD },
    remoteAddress: `10.40.0.${ipCount}`,
  });
  return expectStatus(response, 200).body.accessToken;
}

async function fetchJwks(tenantId = w.tenantId): Promise<{ keys: JWK[] }> {
  return expectStatus(await t.request('GET', `/tenants/${tenantId}/auth/jwks.json`), 200).body;
}

const kids = (jwks: { keys: JWK[] }) => jwks.keys.map((key) => key.kid);
const kidOf = (token: string) => decodeProtectedHeader(token).kid;

/** Verifies as an application would: the JWKS, the issuer, EdDSA only, at the real current time unless `at`. */
async function verify(token: string, jwks: { keys: JWK[] }, at?: number) {
  const currentDate = at === undefined ? undefined : new Date(at);
  return jwtVerify(token, createLocalJWKSet(jwks), { issuer: 'roster', algorithms: ['EdDSA'], currentDate });
}

describe('an access token', () => {
  it('verifies with nothing but the tenant’s JWKS and names user, tenant and effective roles', async () => {
    const token = await issueToken();
    const jwks = await fetchJwks();

    const { payload, protectedHeader } = await verify(token, jwks);
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'JWT' });
    expect(kids(jwks)).toContain(protectedHeader.kid);
    expect(payload).toMatchObject({ sub: user.id, tid: w.tenantId, iss: 'roster' });
    expect([...(payload.roles as string[])].sort()).toEqual(['crm.read', 'crm.write']);
    expect(payload.jti).toEqual(expect.any(String));
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(Math.abs(payload.iat! * 1000 - now)).toBeLessThan(1000);
  });

  it('tells the caller when it expires, and which roles it holds', async () => {
    const response = await t.request('POST', `/tenants/${w.tenantId}/auth/login`, {
      body: { username: user.username, password: PASSWORD },
      remoteAddress: '10.40.1.1',
    });
    const { body } = expectStatus(response, 200);
    const { payload } = await verify(body.accessToken, await fetchJwks());
    expect(body.expiresAt).toBe(new Date(payload.exp! * 1000).toISOString());
    expect(body.roles).toEqual(payload.roles);
  });

  it('gets a new unique id each time', async () => {
    const jwks = await fetchJwks();
    const [first, second] = [await issueToken(), await issueToken()];
    expect((await verify(first, jwks)).payload.jti).not.toBe((await verify(second, jwks)).payload.jti);
  });

  it('fails verification when its payload is tampered with', async () => {
    const [header, payload, signature] = (await issueToken()).split('.');
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!)));
    const forged = base64url.encode(JSON.stringify({ ...claims, roles: [...claims.roles, 'crm.admin'] }));
    await expect(verify(`${header}.${forged}.${signature}`, await fetchJwks())).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  });

  it('fails verification when its signature is tampered with', async () => {
    const [header, payload, signature] = (await issueToken()).split('.');
    const bytes = base64url.decode(signature!);
    bytes[0] = bytes[0]! ^ 0xff;
    await expect(verify(`${header}.${payload}.${base64url.encode(bytes)}`, await fetchJwks())).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  });

  it('fails verification when someone else signs it under a published key id', async () => {
    const token = await issueToken();
    const { payload } = await verify(token, await fetchJwks());
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await new SignJWT({ ...payload, roles: ['crm.admin'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: kidOf(token) })
      .sign(privateKey);
    await expect(verify(forged, await fetchJwks())).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  });

  it('fails verification once it has expired', async () => {
    now -= 2 * HOUR;
    const token = await issueToken();
    now += 2 * HOUR;

    const { exp } = JSON.parse(new TextDecoder().decode(base64url.decode(token.split('.')[1]!)));
    expect(Math.abs(exp * 1000 - (now - HOUR))).toBeLessThan(1000);
    await expect(verify(token, await fetchJwks())).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
  });
});

describe('the JWKS', () => {
  it('publishes public keys only, and may be cached', async () => {
    await issueToken();
    const response = expectStatus(await t.request('GET', `/tenants/${w.tenantId}/auth/jwks.json`), 200);
    expect(response.headers['cache-control']).toMatch(/max-age=\d+/);
    expect(response.body.keys.length).toBeGreaterThan(0);
    for (const key of response.body.keys as JWK[]) {
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: expect.any(String) });
      expect(key.d).toBeUndefined();
    }
  });

  it('answers 404 for an unknown tenant', async () => {
    for (const tenantId of ['00000000-0000-7000-8000-000000000000', 'not-a-tenant']) {
      const response = await t.request('GET', `/tenants/${tenantId}/auth/jwks.json`);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('key rotation', () => {
  const rotate = (token: string) => t.request('POST', '/auth/signing-keys/rotate', { token });

  it('signs new tokens with a new key while tokens signed before still verify', async () => {
    const before = await issueToken();
    expectStatus(await rotate(t.adminToken), 204);
    const after = await issueToken();

    expect(kidOf(after)).not.toBe(kidOf(before));
    const jwks = await fetchJwks();
    expect(kids(jwks)).toEqual(expect.arrayContaining([kidOf(before), kidOf(after)]));
    expect((await verify(before, jwks)).payload.sub).toBe(user.id);
    expect((await verify(after, jwks)).payload.sub).toBe(user.id);
  });

  it('may be requested by the platform admin only', async () => {
    const kid = kidOf(await issueToken());
    for (const role of ['owner', 'admin', 'tenant-admin', 'billing'] as const) {
      for (const token of [w.tokens[role], w.keys[role]]) expect((await rotate(token)).status).toBe(403);
    }
    expect((await t.request('POST', '/auth/signing-keys/rotate')).status).toBe(401);
    expect(kidOf(await issueToken())).toBe(kid);
  });

  it('reaches this replica within minutes when another replica rotates', async () => {
    const oldToken = await issueToken();
    const otherReplica = new SigningKeys(t.app.get(DataSource), t.app.get(Clock), t.app.get(CONFIG));
    await otherReplica.rotate();

    now += 2 * 60_000;
    const newToken = await issueToken();
    expect(kidOf(newToken)).not.toBe(kidOf(oldToken));
    const jwks = await fetchJwks();
    expect((await verify(oldToken, jwks)).payload.sub).toBe(user.id);
    expect((await verify(newToken, jwks, now)).payload.sub).toBe(user.id);
  });

  it('drops a rotated-out key from the JWKS once every token it signed has expired', async () => {
    const oldToken = await issueToken();
    const oldKid = kidOf(oldToken);
    const rotatedAt = now;
    expectStatus(await rotate(t.adminToken), 204);
    const newKid = kidOf(await issueToken());

    now = rotatedAt + HOUR - 1000;
    const whileValid = await fetchJwks();
    expect(kids(whileValid)).toEqual(expect.arrayContaining([oldKid, newKid]));
    expect((await verify(oldToken, whileValid, now)).payload.sub).toBe(user.id);

    now = rotatedAt + 2 * HOUR;
    const jwks = await fetchJwks();
    expect(kids(jwks)).toContain(newKid);
    expect(kids(jwks)).not.toContain(oldKid);
  });

  it('hands over to a new key when the signing term ends, and drops the old one an hour later', async () => {
    const oldKid = kidOf(await issueToken());
    const { rows } = await t.db.query('SELECT signs_until FROM signing_keys WHERE id = $1', [oldKid]);
    const signsUntil = (rows[0].signs_until as Date).getTime();
    // SIGNING_KEY_ROTATION defaults to 30 days.
    expect(signsUntil - now).toBeGreaterThan(29 * 24 * HOUR);

    now = signsUntil - 1000;
    expect(kidOf(await issueToken())).toBe(oldKid);
    now = signsUntil + 1000;
    const lastOfOld = now - 2000;
    const newKid = kidOf(await issueToken());
    expect(newKid).not.toBe(oldKid);
    expect(kids(await fetchJwks())).toEqual(expect.arrayContaining([oldKid, newKid]));

    now = lastOfOld + HOUR + 2000;
    const jwks = await fetchJwks();
    expect(kids(jwks)).toContain(newKid);
    expect(kids(jwks)).not.toContain(oldKid);
  });
});
