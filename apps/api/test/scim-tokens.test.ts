/**
 * SCIM tokens and the SCIM request log through HTTP (API.md §11, issue 17): who may manage them, that a token is
 * shown once and works for its tenant's SCIM alone, that a revoked one stops at once, the audit trail, and the
 * capped log the Provisioning page reads. The SCIM protocol itself is scim-users.test.ts's and scim-groups.test.ts's.
 * Real API, PostgreSQL and Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenService } from '../src/auth/token.service.js';
import { SCIM_REQUESTS_KEPT, ScimRequestLog, type ScimRequestEntry } from '../src/scim-tokens/scim-request-log.js';
import { expectStatus, type TestApp, startTestApp } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
let stranger: AccountWorld;

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  stranger = await createAccountWorld(t);
});
afterAll(() => t.close());

/** Who a bearer token is, as the SCIM routes ask (the contract they rely on). */
const actorFor = (token: string) => t.app.get(TokenService).actorFor(token);

interface CreatedToken {
  id: string;
  name: string;
  tenantId: string;
  tokenPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  token: string;
}

async function createToken(name: string, tenantId = w.tenantId, token = w.tokens.admin): Promise<CreatedToken> {
  return expectStatus(await t.request('POST', `/tenants/${tenantId}/scim-tokens`, { token, body: { name } }), 201).body;
}

/** A fresh tenant of the account, for a test that needs to know every token or request in it. */
async function createTenant(name: string): Promise<string> {
  const body = { name };
  return expectStatus(
    await t.request('POST', `/environments/${w.environmentId}/tenants`, { token: w.tokens.admin, body }),
    201,
  ).body.id;
}

const listTokens = async (tenantId = w.tenantId, query = '') =>
  expectStatus(await t.request('GET', `/tenants/${tenantId}/scim-tokens${query}`, { token: w.tokens.owner }), 200).body;

describe('creating and listing SCIM tokens', () => {
  it('answers the token once, with a recognisable prefix, and lists the tenant’s tokens without it', async () => {
    const created = await createToken('  Entra ID  ');
    expect(created).toMatchObject({ name: 'Entra ID', tenantId: w.tenantId, lastUsedAt: null });
    expect(created.token).toMatch(/^rst_scim_/);
    expect(created.token.startsWith(created.tokenPrefix)).toBe(true);
    expect(created.tokenPrefix.length).toBeLessThan(created.token.length / 2);

    const list = await listTokens();
    expect(list.items).toContainEqual({
      id: created.id,
      name: 'Entra ID',
      tenantId: w.tenantId,
      tokenPrefix: created.tokenPrefix,
      createdAt: created.createdAt,
      lastUsedAt: null,
    });
    expect(JSON.stringify(list)).not.toContain(created.token);
    // Another tenant of the account lists none of them.
    expect((await listTokens(w.otherTenantId)).items.map((item: { id: string }) => item.id)).not.toContain(created.id);
  });

  it('pages the list by cursor, in name order', async () => {
    const tenantId = await createTenant('Paged');
    for (const name of ['Okta', 'entra', 'JumpCloud']) await createToken(name, tenantId);
    const first = await listTokens(tenantId, '?limit=2');
    expect(first.items.map((item: { name: string }) => item.name)).toEqual(['entra', 'JumpCloud']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listTokens(tenantId, `?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`);
    expect(second.items.map((item: { name: string }) => item.name)).toEqual(['Okta']);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a duplicate name in the tenant ignoring case (409), not in another tenant', async () => {
    await createToken('Okta');
    const duplicate = await t.request('POST', `/tenants/${w.tenantId}/scim-tokens`, {
      token: w.tokens.owner,
      body: { name: 'OKTA' },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(duplicate.body.errors).toEqual([{ field: 'name', message: expect.stringContaining('SCIM token') }]);
    await createToken('Okta', w.otherTenantId);
  });

  it('refuses a missing, empty, too long or unknown field (400 naming it)', async () => {
    for (const body of [{}, { name: '   ' }, { name: 'x'.repeat(201) }, { name: 'ok', role: 'owner' }]) {
      const answer = await t.request('POST', `/tenants/${w.tenantId}/scim-tokens`, { token: w.tokens.admin, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.errors?.length, JSON.stringify(body)).toBeGreaterThan(0);
    }
  });
});

describe('who manages SCIM tokens', () => {
  it('owners and admins (sessions and API keys); tenant-admins and billing get 403', async () => {
    await createToken('By owner', w.tenantId, w.tokens.owner);
    await createToken('By admin key', w.tenantId, w.keys.admin);
    const victim = await createToken('Kept');
    for (const role of ['tenant-admin', 'billing'] as const) {
      for (const token of [w.tokens[role], w.keys[role]]) {
        const requests = [
          t.request('POST', `/tenants/${w.tenantId}/scim-tokens`, { token, body: { name: `By ${role}` } }),
          t.request('GET', `/tenants/${w.tenantId}/scim-tokens`, { token }),
          t.request('GET', `/tenants/${w.tenantId}/scim-requests`, { token }),
          t.request('DELETE', `/scim-tokens/${victim.id}`, { token }),
        ];
        for (const answer of await Promise.all(requests)) {
          expect(answer.status, role).toBe(403);
          expect(answer.body.detail, role).toEqual(expect.any(String));
        }
      }
    }
    expect((await actorFor(victim.token))?.id).toBe(victim.id);
  });

  it('another account’s tenant or token is not found (404)', async () => {
    const theirs = await createToken('Theirs', stranger.tenantId, stranger.tokens.owner);
    const token = w.tokens.owner;
    const answers = await Promise.all([
      t.request('POST', `/tenants/${stranger.tenantId}/scim-tokens`, { token, body: { name: 'Mine' } }),
      t.request('GET', `/tenants/${stranger.tenantId}/scim-tokens`, { token }),
      t.request('GET', `/tenants/${stranger.tenantId}/scim-requests`, { token }),
      t.request('DELETE', `/scim-tokens/${theirs.id}`, { token }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404]);
    expect((await actorFor(theirs.token))?.id).toBe(theirs.id);
  });
});

describe('a SCIM token', () => {
  it('is a tenant-admin of its one tenant, as TokenService.actorFor tells the SCIM routes', async () => {
    const created = await createToken('Actor');
    expect(await actorFor(created.token)).toEqual({
      kind: 'scim-token',
      id: created.id,
      role: 'tenant-admin',
      accountId: w.accountId,
      tenantIds: [w.tenantId],
      environmentIds: [w.environmentId],
    });
    // Its prefix says which kind it is: as an API key or a session it is nobody.
    expect(await actorFor(created.token.replace(/^rst_scim_/, 'rst_'))).toBeNull();
  });

  it('is refused on every other route (403 problem+json saying where it works)', async () => {
    const { token } = await createToken('Elsewhere');
    for (const path of [
      `/tenants/${w.tenantId}/users`,
      `/tenants/${w.tenantId}/scim-tokens`,
      `/accounts/${w.accountId}`,
      `/accounts/${w.accountId}/api-keys`,
      '/me',
    ]) {
      const answer = await t.request('GET', path, { token });
      expect(answer.status, path).toBe(403);
      expect(answer.headers['content-type'], path).toMatch(/^application\/problem\+json/);
      expect(answer.body.detail, path).toMatch(/SCIM token.*\/scim\/v2\/tenants\//);
    }
    const write = await t.request('POST', `/tenants/${w.tenantId}/users`, { token, body: { username: 'sneaky' } });
    expect(write.status).toBe(403);
  });

  it('stops at once when revoked (actorFor null, 401 everywhere), and a second revoke is 404', async () => {
    const created = await createToken('Revoked');
    expect((await t.request('GET', `/scim/v2/tenants/${w.tenantId}/Users`, { token: created.token })).status).toBe(200);
    expectStatus(await t.request('DELETE', `/scim-tokens/${created.id}`, { token: w.tokens.owner }), 204);
    expect(await actorFor(created.token)).toBeNull();
    const answers = await Promise.all([
      t.request('GET', `/scim/v2/tenants/${w.tenantId}/Users`, { token: created.token }),
      t.request('GET', `/tenants/${w.tenantId}/users`, { token: created.token }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([401, 401]);
    const again = await t.request('DELETE', `/scim-tokens/${created.id}`, { token: w.tokens.owner });
    expect(again.status).toBe(404);
    expect(again.body.detail).toEqual(expect.any(String));
    expect((await listTokens()).items.map((item: { id: string }) => item.id)).not.toContain(created.id);
  });

  it('is no API key: not listed with them, not deleted as one; and an API key is no SCIM token', async () => {
    const created = await createToken('Not a key');
    const keys = expectStatus(
      await t.request('GET', `/accounts/${w.accountId}/api-keys?limit=200`, { token: w.tokens.owner }),
      200,
    ).body.items as { id: string }[];
    expect(keys.map((key) => key.id)).not.toContain(created.id);
    expect((await t.request('DELETE', `/api-keys/${created.id}`, { token: w.tokens.owner })).status).toBe(404);
    expect((await t.request('DELETE', `/scim-tokens/${keys[0]!.id}`, { token: w.tokens.owner })).status).toBe(404);
    expect((await actorFor(created.token))?.kind).toBe('scim-token');
  });
});

describe('the audit trail', () => {
  it('records scim-token.created and .deleted, never the token, and names a SCIM token that acted', async () => {
    const created = await createToken('Audited');
    const user = expectStatus(
      await t.request('POST', `/scim/v2/tenants/${w.tenantId}/Users`, {
        token: created.token,
        headers: { 'content-type': 'application/scim+json' },
        body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'audited@example.com' },
      }),
      201,
    ).body;
    const byToken = expectStatus(
      await t.request('GET', `/tenants/${w.tenantId}/audit-events?targetId=${user.id}`, { token: w.tokens.admin }),
      200,
    ).body.items;
    expect(byToken[0]).toMatchObject({ action: 'user.created', actorType: 'scim-token', actorName: 'Audited' });

    expectStatus(await t.request('DELETE', `/scim-tokens/${created.id}`, { token: w.tokens.admin }), 204);
    const trail = expectStatus(
      await t.request('GET', `/accounts/${w.accountId}/audit-events?targetId=${created.id}`, { token: w.tokens.owner }),
      200,
    ).body.items;
    expect(trail.map((event: { action: string }) => event.action)).toEqual([
      'scim-token.deleted',
      'scim-token.created',
    ]);
    expect(trail[1].after).toMatchObject({ id: created.id, name: 'Audited', tenantId: w.tenantId });
    expect(JSON.stringify(trail)).not.toContain(created.token);
  });
});

describe('the SCIM request log', () => {
  const entry = (index: number, tokenId: string): ScimRequestEntry => ({
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
    method: 'GET',
    path: `/Users?startIndex=${index}`,
    status: 200,
    tokenId,
    durationMs: 1.5,
  });

  async function latest(tenantId: string) {
    return expectStatus(await t.request('GET', `/tenants/${tenantId}/scim-requests`, { token: w.tokens.admin }), 200)
      .body.items as (ScimRequestEntry & { tokenName: string | null })[];
  }

  it('serves what record wrote, newest first, capped at the latest 200, with each token’s name', async () => {
    const tenantId = await createTenant('Logged');
    expect(await latest(tenantId)).toEqual([]);
    const kept = await createToken('Entra ID', tenantId);
    const revoked = await createToken('Old Okta', tenantId);
    const log = t.app.get(ScimRequestLog);
    log.record(tenantId, entry(0, revoked.id));
    for (let index = 1; index <= SCIM_REQUESTS_KEPT + 4; index += 1) log.record(tenantId, entry(index, kept.id));
    log.record(tenantId, { ...entry(999, revoked.id), method: 'POST', path: '/Bulk', status: 200, operations: 3 });
    const conflict: ScimRequestEntry = {
      ...entry(1000, kept.id),
      method: 'POST',
      path: '/Users',
      status: 409,
      scimType: 'uniqueness',
      detail: 'A user with this userName exists.',
    };
    log.record(tenantId, conflict);
    expectStatus(await t.request('DELETE', `/scim-tokens/${revoked.id}`, { token: w.tokens.admin }), 204);

    const items = await latest(tenantId);
    expect(items).toHaveLength(SCIM_REQUESTS_KEPT);
    expect(items[0]).toEqual({ ...conflict, tokenName: 'Entra ID' });
    expect(items[1]).toMatchObject({ path: '/Bulk', operations: 3, tokenName: null });
    expect(items[2]).toMatchObject({ path: `/Users?startIndex=${SCIM_REQUESTS_KEPT + 4}`, tokenName: 'Entra ID' });
    // The oldest ones went: the first entry and the earliest of the loop.
    expect(items.at(-1)!.path).toBe('/Users?startIndex=7');
    // Only this tenant's requests.
    expect(await latest(w.otherTenantId)).toEqual([]);
  });

  it('cuts a query string longer than 500 characters and a long detail, keeping the path', async () => {
    const { id } = await createToken('Long');
    const log = t.app.get(ScimRequestLog);
    const filter = `?filter=${'userName eq "x" or '.repeat(60)}`;
    log.record(w.tenantId, { ...entry(2000, id), path: `/Users${filter}`, status: 400, detail: 'd'.repeat(900) });
    const [latestEntry] = await latest(w.tenantId);
    expect(latestEntry!.path).toBe(`/Users${filter.slice(0, 501)}…`);
    expect(latestEntry!.detail).toHaveLength(500);
  });

  it('never throws at its caller when an entry cannot be written', async () => {
    const log = t.app.get(ScimRequestLog);
    // An entry JSON cannot write (a BigInt) fails inside record: logged, not thrown at the SCIM request.
    const hostile = { ...entry(3000, w.tenantId), toJSON: () => BigInt(1) } as unknown as ScimRequestEntry;
    expect(log.record(w.tenantId, hostile)).toBeUndefined();
    expect((await latest(w.tenantId))[0]?.at).not.toBe(hostile.at);
  });
});
