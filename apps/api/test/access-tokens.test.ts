/**
 * End-user access tokens (API.md §6): EdDSA JWTs an application verifies with nothing but the tenant's JWKS;
 * their claims and audience, tampering, expiry, each tenant's own keys, key rotation, the private keys'
 * encryption at rest and the rotation of ENCRYPTION_KEYS. Time moves with the injectable Clock.
 */
import { randomBytes } from 'node:crypto';
import {
  base64url,
  calculateJwkThumbprint,
  createLocalJWKSet,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  type JWK,
  jwtVerify,
  SignJWT,
} from 'jose';
import { SigningKeyMaintenance, UnitOfWork } from '@roster/db';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Clock } from '../src/common/clock.js';
import { CONFIG, type Config, ConfigError } from '../src/config/config.js';
import type { EncryptionKey } from '../src/config/encryption-keys.js';
import { open } from '@roster/config';
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

/**
 * Verifies as an application would: the tenant's JWKS, the issuer, the audience (the application's key), EdDSA
 * only, at the real current time unless `at`.
 */
async function verify(token: string, jwks: { keys: JWK[] }, at?: number, audience = 'crm') {
  const currentDate = at === undefined ? undefined : new Date(at);
  return jwtVerify(token, createLocalJWKSet(jwks), {
    issuer: 'roster',
    audience,
    algorithms: ['EdDSA'],
    currentDate,
  });
}

describe('an access token', () => {
  it('verifies with nothing but the tenant’s JWKS and names user, tenant and effective roles', async () => {
    const token = await issueToken();
    const jwks = await fetchJwks();

    const { payload, protectedHeader } = await verify(token, jwks);
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'JWT' });
    expect(kids(jwks)).toContain(protectedHeader.kid);
    expect(payload).toMatchObject({ sub: user.id, tid: w.tenantId, iss: 'roster', aud: ['crm'] });
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
    const otherReplica = new SigningKeys(
      t.app.get(UnitOfWork),
      t.app.get(SigningKeyMaintenance),
      t.app.get(Clock),
      t.app.get(CONFIG),
    );
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
    const { rows } = await t.db.query('SELECT signs_until FROM tenant_signing_keys WHERE id = $1', [oldKid]);
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

/** A user of `tenantId` with PASSWORD, and a login of it (from an address of its own) that returns the token. */
async function userOf(tenantId: string): Promise<() => Promise<string>> {
  const username = unique('member');
  expectStatus(await admin('POST', `/tenants/${tenantId}/users`, { username, password: PASSWORD }), 201);
  return async () => {
    ipCount += 1;
    const response = await t.request('POST', `/tenants/${tenantId}/auth/login`, {
      body: { username, password: PASSWORD },
      remoteAddress: `10.40.2.${ipCount}`,
    });
    return expectStatus(response, 200).body.accessToken;
  };
}

const claimsOf = (token: string) => JSON.parse(new TextDecoder().decode(base64url.decode(token.split('.')[1]!)));

/** Another API replica on the same database, with ENCRYPTION_KEYS of its own. */
/** A tenant of the world, as the unit of work that reads its keys is bound to it. */
const scopeOf = (tenantId: string) => ({ accountId: w.accountId, environmentId: w.environmentId, tenantId });

function replica(encryptionKeys: EncryptionKey[] = t.app.get<Config>(CONFIG).encryptionKeys): SigningKeys {
  return new SigningKeys(t.app.get(UnitOfWork), t.app.get(SigningKeyMaintenance), t.app.get(Clock), {
    ...t.app.get<Config>(CONFIG),
    encryptionKeys,
  });
}

describe('the audience', () => {
  it('is every application declared in the tenant’s environment, and follows a new declaration', async () => {
    expect(claimsOf(await issueToken()).aud).toEqual(['crm']);
    expectStatus(
      await admin('PUT', `/environments/${w.environmentId}/applications/billing`, {
        name: 'Billing',
        roles: [{ key: 'billing.read', name: 'Read' }],
      }),
      201,
    );
    const token = await issueToken();
    expect(claimsOf(token).aud).toEqual(['billing', 'crm']);
    const jwks = await fetchJwks();
    expect((await verify(token, jwks, undefined, 'billing')).payload.sub).toBe(user.id);
    expect((await verify(token, jwks, undefined, 'crm')).payload.sub).toBe(user.id);
    await expect(verify(token, jwks, undefined, 'payroll')).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
    });
  });

  it('is empty while the environment declares no application: no audience check accepts the token', async () => {
    const tenant = expectStatus(
      await admin('POST', `/environments/${w.otherEnvironmentId}/tenants`, { name: unique('bare') }),
      201,
    ).body;
    const token = await (await userOf(tenant.id))();
    expect(claimsOf(token).aud).toEqual([]);
    await expect(verify(token, await fetchJwks(tenant.id))).rejects.toMatchObject({
      code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'aud',
    });
  });
});

describe('each tenant’s keys', () => {
  it('sign its tokens only: a token of one tenant does not verify with another tenant’s JWKS', async () => {
    const ownToken = await issueToken();
    const otherToken = await (await userOf(w.otherTenantId))();
    const [own, other] = [await fetchJwks(), await fetchJwks(w.otherTenantId)];

    expect(kidOf(otherToken)).not.toBe(kidOf(ownToken));
    expect(kids(other)).not.toContain(kidOf(ownToken));
    expect(kids(own)).not.toContain(kidOf(otherToken));
    await expect(verify(ownToken, other)).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
    await expect(verify(otherToken, own)).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
    expect((await verify(otherToken, other)).payload.tid).toBe(w.otherTenantId);
  });

  it('are made on a tenant’s first use, so a new tenant’s JWKS is never empty', async () => {
    const tenant = expectStatus(
      await admin('POST', `/environments/${w.environmentId}/tenants`, { name: unique('fresh') }),
      201,
    ).body;
    const jwks = await fetchJwks(tenant.id);
    expect(jwks.keys).toHaveLength(1);
    expect(kidOf(await (await userOf(tenant.id))())).toBe(jwks.keys[0]!.kid);
  });

  it('sign from memory in the steady state, and are looked up again within minutes', async () => {
    // A rotation empties the replica's memory (earlier tests left keys in it at other times).
    expectStatus(await t.request('POST', '/auth/signing-keys/rotate', { token: t.adminToken }), 204);
    const kid = kidOf(await issueToken());
    // Behind the replica's back, the stored key loses its private half: the next logins still sign with
    // the key the replica holds, so they did not read it.
    await t.db.query(
      `UPDATE tenant_signing_keys SET private_key = NULL, data_key = NULL, wrapping_key_id = NULL
        WHERE tenant_id = $1`,
      [w.tenantId],
    );
    expect(kidOf(await issueToken())).toBe(kid);
    expect(kidOf(await issueToken())).toBe(kid);

    now += 2 * 60_000;
    expect(kidOf(await issueToken())).not.toBe(kid);
  });
});

describe('private keys at rest', () => {
  const storedRows = async (tenantId = w.tenantId) =>
    (await t.db.query('SELECT k::text AS text, k.* FROM tenant_signing_keys k WHERE tenant_id = $1', [tenantId])).rows;

  it('are encrypted under the current ENCRYPTION_KEYS key: nothing stored holds them in plain text', async () => {
    const kid = kidOf(await issueToken());
    const row = (await storedRows()).find((candidate) => candidate.id === kid);
    expect(row).toMatchObject({ wrapping_key_id: 'development' });
    const sealed = { ciphertext: row.private_key, dataKey: row.data_key, keyId: row.wrapping_key_id };
    const privateJwk = JSON.parse(
      open(sealed, t.app.get<Config>(CONFIG).encryptionKeys, `tenant_signing_keys:${w.tenantId}:${kid}`).toString(),
    );
    const secret = base64url.decode(privateJwk.d);
    for (const stored of await storedRows()) {
      expect(stored.text).not.toContain(privateJwk.d);
      expect(stored.text).not.toContain(Buffer.from(secret).toString('hex'));
      expect(JSON.stringify(stored.public_jwk)).not.toContain('"d"');
    }
  });

  it('are bound to their row: a private key copied to another tenant’s key does not sign there', async () => {
    await issueToken();
    await (
      await userOf(w.otherTenantId)
    )();
    const copy = `UPDATE tenant_signing_keys k SET private_key = f.private_key, data_key = f.data_key
                    FROM tenant_signing_keys f
                   WHERE k.tenant_id = $2 AND k.private_key IS NOT NULL AND f.tenant_id = $1 AND f.private_key IS NOT NULL
               RETURNING k.id`;
    const { rows: before } = await t.db.query(
      'SELECT id, private_key, data_key FROM tenant_signing_keys WHERE tenant_id = $1 AND private_key IS NOT NULL',
      [w.otherTenantId],
    );
    expect((await t.db.query(copy, [w.tenantId, w.otherTenantId])).rows).toHaveLength(1);
    try {
      await expect(replica().active(scopeOf(w.otherTenantId))).rejects.toThrow(/authenticate/);
    } finally {
      await t.db.query('UPDATE tenant_signing_keys SET private_key = $2, data_key = $3 WHERE id = $1', [
        before[0].id,
        before[0].private_key,
        before[0].data_key,
      ]);
    }
    expect((await replica().active(scopeOf(w.otherTenantId))).kid).toBe(before[0].id);
  });

  it('are erased once their key stops signing, while its public half keeps verifying', async () => {
    const token = await issueToken();
    expectStatus(await t.request('POST', '/auth/signing-keys/rotate', { token: t.adminToken }), 204);
    const { rows } = await t.db.query(
      'SELECT private_key, data_key, wrapping_key_id FROM tenant_signing_keys WHERE id = $1',
      [kidOf(token)],
    );
    expect(rows).toEqual([{ private_key: null, data_key: null, wrapping_key_id: null }]);
    expect((await verify(token, await fetchJwks())).payload.sub).toBe(user.id);
  });
});

describe('the shared keys of earlier releases', () => {
  /** A key as the releases before per-tenant keys stored it: one for every tenant, its private half in plain text. */
  async function storeSharedKey(
    signsForMs: number,
  ): Promise<{ kid: string; sign: (tenantId: string) => Promise<string> }> {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    await t.db.query(
      `INSERT INTO signing_keys (id, algorithm, public_jwk, private_jwk, created_at, signs_until, published_until)
       VALUES ($1, 'EdDSA', $2, $3, $4, $5, $6)`,
      [
        kid,
        publicJwk,
        await exportJWK(privateKey),
        new Date(now),
        new Date(now + signsForMs),
        new Date(now + signsForMs + HOUR),
      ],
    );
    const sign = (tenantId: string) =>
      new SignJWT({ tid: tenantId, roles: [] })
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
        .setSubject(user.id)
        .setIssuer('roster')
        .setAudience(['crm'])
        .setIssuedAt(Math.floor(now / 1000))
        .setExpirationTime(Math.floor((now + HOUR) / 1000))
        .sign(privateKey);
    return { kid, sign };
  }
  const sharedRow = async (kid: string) =>
    (await t.db.query('SELECT private_jwk, signs_until, published_until FROM signing_keys WHERE id = $1', [kid]))
      .rows[0];

  it('are retired at start: private half erased, published in every tenant’s JWKS until their tokens expired', async () => {
    const shared = await storeSharedKey(30 * 24 * HOUR);
    const [ownToken, otherToken] = [await shared.sign(w.tenantId), await shared.sign(w.otherTenantId)];

    const retiredAt = now;
    await t.app.get(SigningKeys).onApplicationBootstrap();
    const row = await sharedRow(shared.kid);
    expect(row.private_jwk).toBeNull();
    expect(row.signs_until.getTime()).toBe(retiredAt);
    // Its tokens' lifetime, plus the minute a replica that cached it may still sign with it.
    expect(row.published_until.getTime()).toBe(retiredAt + HOUR + 60_000);

    expect((await verify(ownToken, await fetchJwks())).payload.tid).toBe(w.tenantId);
    expect((await verify(otherToken, await fetchJwks(w.otherTenantId))).payload.tid).toBe(w.otherTenantId);
    expect(kidOf(await issueToken())).not.toBe(shared.kid);

    now = retiredAt + HOUR + 2 * 60_000;
    expect(kids(await fetchJwks())).not.toContain(shared.kid);
  });

  it('made by a replica of the previous release during a rolling update are retired at the next key lookup', async () => {
    const shared = await storeSharedKey(30 * 24 * HOUR);
    // The replica looks its key up again (a rotation empties its memory at once; otherwise within a minute).
    expectStatus(await t.request('POST', '/auth/signing-keys/rotate', { token: t.adminToken }), 204);
    expect(kidOf(await issueToken())).not.toBe(shared.kid);
    expect((await sharedRow(shared.kid)).private_jwk).toBeNull();
  });
});

describe('a rotation of ENCRYPTION_KEYS', () => {
  const development = () => t.app.get<Config>(CONFIG).encryptionKeys[0]!;
  const wrappingKeyIds = async () =>
    (
      await t.db.query(
        'SELECT DISTINCT wrapping_key_id AS id FROM tenant_signing_keys WHERE private_key IS NOT NULL ORDER BY 1',
      )
    ).rows.map((row) => row.id);

  it('decrypts with a key listed second, re-wraps at start, after which the old key is not needed', async () => {
    const kid = kidOf(await issueToken());
    const next: EncryptionKey = { id: '2027-01', key: randomBytes(32) };
    expect(await wrappingKeyIds()).toEqual(['development']);

    // The new key in front: a replica decrypts the stored keys with the old one, listed second.
    const rotating = replica([next, development()]);
    expect((await rotating.active(scopeOf(w.tenantId))).kid).toBe(kid);
    await rotating.onApplicationBootstrap();
    expect(await wrappingKeyIds()).toEqual(['2027-01']);

    // The old key dropped: nothing needs it.
    const rotated = replica([next]);
    await rotated.onApplicationBootstrap();
    expect((await rotated.active(scopeOf(w.tenantId))).kid).toBe(kid);
    // A key made now is wrapped by the new key too.
    expect((await rotated.active(scopeOf(w.otherTenantId))).kid).toEqual(expect.any(String));
    expect(await wrappingKeyIds()).toEqual(['2027-01']);

    // And back, so this test app (development key only) keeps signing.
    await replica([development(), next]).onApplicationBootstrap();
    expect(await wrappingKeyIds()).toEqual(['development']);
  });

  it('stops the start with a clear error naming a wrapping key that is not configured', async () => {
    await issueToken();
    const other: EncryptionKey = { id: 'other', key: randomBytes(32) };
    const start = replica([other]).onApplicationBootstrap();
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(/ENCRYPTION_KEYS must list the key "development": \d+ tenant signing key/);
    expect(await wrappingKeyIds()).toEqual(['development']);
  });

  it('answers a replica without the wrapping key with an error saying what to fix', async () => {
    await issueToken();
    const other: EncryptionKey = { id: 'other', key: randomBytes(32) };
    await expect(replica([other]).active(scopeOf(w.tenantId))).rejects.toThrow(
      /encrypted with the key "development", which this replica’s ENCRYPTION_KEYS does not list/,
    );
  });

  it('stops the start when a configured key of that id does not decrypt', async () => {
    await issueToken();
    const impostor: EncryptionKey = { id: 'development', key: randomBytes(32) };
    const start = replica([{ id: 'new', key: randomBytes(32) }, impostor]).onApplicationBootstrap();
    await expect(start).rejects.toThrow(/key "development" that does not decrypt the signing key/);
    expect(await wrappingKeyIds()).toEqual(['development']);
  });
});
