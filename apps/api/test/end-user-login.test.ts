/**
 * End-user login (API.md §6): each outcome, the single 401, the attempt log, validation, timing,
 * inactive users, and where the client address comes from (TRUST_PROXY).
 */
import { verify as argon2Verify } from '@node-rs/argon2';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, type Response, startTestApp, type TestApp, unique } from './harness.js';
import { UsernameHasher } from '../src/login-protection/username-hash.js';
import { IMPORTED_HASHES, IMPORTED_HASHES_PASSWORD, LEGACY_ARGON2_HASHES } from './legacy-hashes.js';
import { type AccountWorld, createAccountWorld } from './world.js';

const PASSWORD = 'end-user passphrase';
const USER_FIELDS =
  'createdAt email externalId id isActive kind lastLoginAt licenseClass mobilePhone name tenantId updatedAt username';
const MISSING = '00000000-0000-7000-8000-000000000000';

let ipCount = 0;
/** A client address no other test uses, so the per-IP counters of tests never meet. */
const freshIp = () => {
  ipCount += 1;
  return `10.20.${Math.floor(ipCount / 250)}.${(ipCount % 250) + 1}`;
};

/** Helpers bound to one running app and its account world. */
function endUsers(app: () => TestApp, world: () => AccountWorld) {
  const admin = (method: string, url: string, body?: unknown) =>
    app().request(method, url, { token: world().tokens.admin, body });
  return {
    admin,
    async createUser(body: Record<string, unknown>, tenantId = world().tenantId) {
      return expectStatus(await admin('POST', `/tenants/${tenantId}/users`, body), 201).body;
    },
    login(
      username: string,
      password: string,
      ip: string,
      options: { tenantId?: string; headers?: Record<string, string>; body?: unknown } = {},
    ): Promise<Response> {
      return app().request('POST', `/tenants/${options.tenantId ?? world().tenantId}/auth/login`, {
        body: options.body ?? { username, password },
        remoteAddress: ip,
        headers: options.headers,
      });
    },
    async attempts(userId: string, query = '') {
      return expectStatus(
        await admin('GET', `/tenants/${world().tenantId}/users/${userId}/login-attempts${query}`),
        200,
      ).body;
    },
    /**
     * What the login_attempts table holds for a username (attempts of unknown usernames belong to no user),
     * found by the keyed hash that is all it keeps of a typed name.
     */
    async rowsFor(username: string) {
      const { rows } = await app().db.query(
        `SELECT user_id AS "userId", result, ip, tenant_id AS "tenantId" FROM login_attempts
         WHERE username_hash = decode($1, 'hex') ORDER BY id`,
        [app().app.get(UsernameHasher).hash(username)],
      );
      return rows as { userId: string | null; result: string; ip: string; tenantId: string }[];
    },
  };
}

describe('with the default configuration', () => {
  let t: TestApp;
  let w: AccountWorld;
  const { admin, createUser, login, attempts, rowsFor } = endUsers(
    () => t,
    () => w,
  );

  beforeAll(async () => {
    t = await startTestApp();
    w = await createAccountWorld(t);
    expectStatus(
      await admin('PUT', `/environments/${w.environmentId}/applications/crm`, {
        name: 'CRM',
        roles: [
          { key: 'crm.read', name: 'Read' },
          { key: 'crm.write', name: 'Write' },
        ],
      }),
      201,
    );
  }, 60_000);
  afterAll(async () => t?.close());

  /** A registered user with a password and a direct grant of crm.read. */
  async function readerUser() {
    const user = await createUser({ username: unique('reader'), password: PASSWORD, name: 'Rea Der' });
    expectStatus(await admin('PUT', `/tenants/${w.tenantId}/users/${user.id}/roles/crm.read`), 204);
    return user;
  }

  describe('a successful login', () => {
    it('answers 200 with an access token, its expiry, the user and the user’s role keys', async () => {
      const user = await readerUser();
      const before = Date.now();
      const response = expectStatus(await login(user.username, PASSWORD, freshIp()), 200);

      expect(Object.keys(response.body).sort()).toEqual(['accessToken', 'expiresAt', 'roles', 'user']);
      expect(response.body.roles).toEqual(['crm.read']);
      expect(response.body.accessToken.split('.')).toHaveLength(3);
      const expiresAt = Date.parse(response.body.expiresAt);
      expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 3_600_000);
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
      expect(Object.keys(response.body.user).sort().join(' ')).toBe(USER_FIELDS);
      // The user as GET answers it: its licensing class too.
      expect(response.body.user).toMatchObject({
        id: user.id,
        username: user.username,
        isActive: true,
        licenseClass: user.licenseClass,
      });
      expect(JSON.stringify(response.body)).not.toMatch(/argon2|passwordHash/i);
    });

    it('sets lastLoginAt, which the user resource then shows', async () => {
      const user = await readerUser();
      expect(user.lastLoginAt).toBeNull();
      const before = Date.now();
      const { body } = expectStatus(await login(user.username, PASSWORD, freshIp()), 200);

      const lastLoginAt = Date.parse(body.user.lastLoginAt);
      expect(lastLoginAt).toBeGreaterThanOrEqual(before);
      expect(lastLoginAt).toBeLessThanOrEqual(Date.now());
      const stored = expectStatus(await admin('GET', `/tenants/${w.tenantId}/users/${user.id}`), 200).body;
      expect(stored.lastLoginAt).toBe(body.user.lastLoginAt);
    });

    it('stores passwords with OWASP’s argon2id cost, and re-hashes an older hash at the next login', async () => {
      const user = await readerUser();
      const stored = async () =>
        (await t.db.query('SELECT password_hash FROM end_users WHERE id = $1', [user.id])).rows[0].password_hash;
      expect(await stored()).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

      // A hash made with the argon2 library's heavier defaults, as earlier versions stored them.
      const old = LEGACY_ARGON2_HASHES[PASSWORD]!;
      expect(old).toMatch(/\$m=65536,p=4,t=3\$/);
      await t.db.query('UPDATE end_users SET password_hash = $2 WHERE id = $1', [user.id, old]);
      expectStatus(await login(user.username, PASSWORD, freshIp()), 200);
      const upgraded = await stored();
      expect(upgraded).toMatch(/\$m=19456,t=2,p=1\$/);
      await expect(argon2Verify(upgraded, PASSWORD)).resolves.toBe(true);
      expectStatus(await login(user.username, PASSWORD, freshIp()), 200);
    });

    it.each(Object.entries(IMPORTED_HASHES))(
      'logs in with an imported %s hash, refuses a wrong password, and replaces the hash with argon2id',
      async (_scheme, hash) => {
        const user = await createUser({ username: unique('imported'), password: PASSWORD });
        const stored = async () =>
          (await t.db.query('SELECT password_hash FROM end_users WHERE id = $1', [user.id])).rows[0].password_hash;
        await t.db.query('UPDATE end_users SET password_hash = $2 WHERE id = $1', [user.id, hash]);

        expectStatus(await login(user.username, `${IMPORTED_HASHES_PASSWORD}!`, freshIp()), 401);
        expect(await stored()).toBe(hash);
        expectStatus(await login(user.username, IMPORTED_HASHES_PASSWORD, freshIp()), 200);
        const replaced = await stored();
        expect(replaced).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
        await expect(argon2Verify(replaced, IMPORTED_HASHES_PASSWORD)).resolves.toBe(true);
        expectStatus(await login(user.username, IMPORTED_HASHES_PASSWORD, freshIp()), 200);
      },
    );

    it('finds the user whatever the case of the username and the spaces around it', async () => {
      const user = await readerUser();
      const response = await login(`  ${user.username.toUpperCase()} `, PASSWORD, freshIp());
      expect(expectStatus(response, 200).body.user.id).toBe(user.id);
    });
  });

  describe('a failed login', () => {
    it('answers unknown, wrong-password, inactive, anonymous and passwordless users with one identical 401', async () => {
      const ip = freshIp();
      const known = await readerUser();
      const inactive = await createUser({ username: unique('inactive'), password: PASSWORD, isActive: false });
      const anonymous = await createUser({ kind: 'anonymous' });
      const passwordless = await createUser({ username: unique('no-password') });

      const failures = {
        'unknown user': await login(unique('nobody'), PASSWORD, ip),
        'wrong password': await login(known.username, 'not the passphrase', ip),
        'inactive user': await login(inactive.username, PASSWORD, ip),
        'anonymous user by id': await login(anonymous.id, PASSWORD, ip),
        'anonymous user as "null"': await login('null', PASSWORD, ip),
        'user without a password': await login(passwordless.username, PASSWORD, ip),
        'user without a password, empty-looking password': await login(passwordless.username, ' ', ip),
      };
      const first = failures['unknown user'];
      expect(first.status).toBe(401);
      expect(first.headers['content-type']).toContain('application/problem+json');
      expect(first.body).toMatchObject({ status: 401, title: 'Not authenticated' });
      for (const [name, response] of Object.entries(failures)) {
        expect({ name, status: response.status, body: response.body }).toEqual({ name, status: 401, body: first.body });
        expect(response.headers['retry-after']).toBeUndefined();
      }

      expect((await attempts(inactive.id)).items.map((a: { result: string }) => a.result)).toEqual(['inactive-user']);
      expect((await attempts(passwordless.id)).items.map((a: { result: string }) => a.result)).toEqual([
        'invalid-password',
        'invalid-password',
      ]);
      expect((await attempts(anonymous.id)).items).toEqual([]);
      expect(await rowsFor(anonymous.id)).toEqual([{ userId: null, result: 'invalid-user', ip, tenantId: w.tenantId }]);
    });

    it('answers 404 for an unknown tenant and records nothing', async () => {
      const user = await readerUser();
      for (const tenantId of [MISSING, 'not-a-tenant']) {
        const response = await login(user.username, PASSWORD, freshIp(), { tenantId });
        expect(response.status).toBe(404);
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
      expect(await rowsFor(user.username)).toEqual([]);
    });

    it('does not log a user of one tenant in through another tenant', async () => {
      const user = await readerUser();
      const response = await login(user.username, PASSWORD, freshIp(), { tenantId: w.otherTenantId });
      expect(response.status).toBe(401);
      expect(await rowsFor(user.username)).toEqual([
        expect.objectContaining({ userId: null, result: 'invalid-user', tenantId: w.otherTenantId }),
      ]);
    });

    it.each([
      ['no fields', {}, ['username', 'password']],
      ['no password', { username: 'someone' }, ['password']],
      ['an empty password', { username: 'someone', password: '' }, ['password']],
      ['a blank username', { username: '   ', password: PASSWORD }, ['username']],
      ['a username over 250 characters', { username: 'u'.repeat(251), password: PASSWORD }, ['username']],
      ['a password that is not a string', { username: 'someone', password: 12345678 }, ['password']],
      ['an unknown field', { username: 'someone', password: PASSWORD, remember: true }, ['remember']],
    ])('answers 400 naming the field for a body with %s', async (_case, body, fields) => {
      const response = await login('', '', freshIp(), { body });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([...fields].sort());
    });

    it('does not count an invalid body as a login attempt', async () => {
      const user = await readerUser();
      const ip = freshIp();
      for (let i = 0; i < 4; i += 1) {
        expect((await login('', '', ip, { body: { username: user.username } })).status).toBe(400);
      }
      expect(await rowsFor(user.username)).toEqual([]);
      expectStatus(await login(user.username, PASSWORD, ip), 200);
    });

    it('takes about as long for an unknown username as for a wrong password', async () => {
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      const timed = async (attempt: () => Promise<Response>) => {
        const started = performance.now();
        expect((await attempt()).status).toBe(401);
        return performance.now() - started;
      };
      // Warm-up: the dummy hash is made on first use.
      await login(unique('warm-up'), PASSWORD, freshIp());
      const unknown: number[] = [];
      const wrong: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        // A user of its own each time, so no username is ever blocked.
        const user = await readerUser();
        unknown.push(await timed(() => login(unique('nobody'), PASSWORD, freshIp())));
        wrong.push(await timed(() => login(user.username, 'a wrong passphrase', freshIp())));
      }
      const [unknownMedian, wrongMedian] = [median(unknown), median(wrong)];
      // Both pay for an argon2id verification (~10 ms here), which a login that skipped it would not.
      expect(unknownMedian).toBeGreaterThan(5);
      expect(wrongMedian).toBeGreaterThan(5);
      expect(Math.max(unknownMedian, wrongMedian) / Math.min(unknownMedian, wrongMedian)).toBeLessThan(3);
    });
  });

  describe('the login-attempts list', () => {
    it('shows each attempt’s real result and client address, newest first', async () => {
      const user = await readerUser();
      const [home, crowded] = [freshIp(), freshIp()];
      const status = async (password: string, ip = home) => (await login(user.username, password, ip)).status;

      expect(await status('wrong one')).toBe(401); // invalid-password
      expect(await status(PASSWORD)).toBe(200); // logged-in, the counter starts again
      expectStatus(await admin('POST', `/tenants/${w.tenantId}/users/${user.id}/deactivate`), 200);
      expect(await status(PASSWORD)).toBe(401); // inactive-user
      expectStatus(await admin('POST', `/tenants/${w.tenantId}/users/${user.id}/activate`), 200);
      expect(await status('wrong two')).toBe(401); // invalid-password
      expect(await status('wrong three')).toBe(401); // invalid-password: three failures block the username
      expect(await status(PASSWORD)).toBe(429); // blocked-user
      // Twenty failures from one address block it for every username of the tenant.
      for (let i = 0; i < 20; i += 1) expect((await login(unique('guess'), 'guess', crowded)).status).toBe(401);
      expect(await status(PASSWORD, crowded)).toBe(429); // blocked-ip (checked before the username)

      const { items, nextCursor } = await attempts(user.id);
      expect(nextCursor).toBeNull();
      expect(items.map((a: { result: string; ip: string }) => [a.result, a.ip])).toEqual([
        ['blocked-ip', crowded],
        ['blocked-user', home],
        ['invalid-password', home],
        ['invalid-password', home],
        ['inactive-user', home],
        ['logged-in', home],
        ['invalid-password', home],
      ]);
      for (const item of items) {
        expect(Object.keys(item).sort()).toEqual(['at', 'ip', 'result']);
        expect(new Date(item.at).toISOString()).toBe(item.at);
      }
      const times = items.map((a: { at: string }) => Date.parse(a.at));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it('keeps attempts with an unknown username, belonging to no user', async () => {
      const username = unique('ghost');
      const ip = freshIp();
      expect((await login(username, PASSWORD, ip)).status).toBe(401);
      expect((await login(username.toUpperCase(), PASSWORD, ip)).status).toBe(401);
      expect(await rowsFor(username)).toEqual([
        { userId: null, result: 'invalid-user', ip, tenantId: w.tenantId },
        { userId: null, result: 'invalid-user', ip, tenantId: w.tenantId },
      ]);
    });

    it('pages through the attempts newest first', async () => {
      const user = await readerUser();
      const ip = freshIp();
      for (let i = 0; i < 3; i += 1) expectStatus(await login(user.username, PASSWORD, ip), 200);
      expect((await login(user.username, 'wrong', ip)).status).toBe(401);

      const first = await attempts(user.id, '?limit=3');
      expect(first.items.map((a: { result: string }) => a.result)).toEqual([
        'invalid-password',
        'logged-in',
        'logged-in',
      ]);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await attempts(user.id, `?limit=3&cursor=${encodeURIComponent(first.nextCursor)}`);
      expect(second.items.map((a: { result: string }) => a.result)).toEqual(['logged-in']);
      expect(second.nextCursor).toBeNull();
    });

    it('answers 404 for a user of another tenant or no user at all', async () => {
      const stranger = await createUser({ username: unique('stranger'), password: PASSWORD }, w.otherTenantId);
      for (const userId of [stranger.id, MISSING]) {
        const response = await admin('GET', `/tenants/${w.tenantId}/users/${userId}/login-attempts`);
        expect(response.status).toBe(404);
      }
    });
  });

  describe('inactive users', () => {
    it('refuses an inactive user, then after reactivation logs the user in with the roles back in the token', async () => {
      const user = await readerUser();
      const group = expectStatus(
        await admin('POST', `/tenants/${w.tenantId}/groups`, { name: unique('writers') }),
        201,
      ).body;
      expectStatus(await admin('PUT', `/tenants/${w.tenantId}/groups/${group.id}/roles/crm.write`), 204);
      expectStatus(await admin('PUT', `/tenants/${w.tenantId}/groups/${group.id}/members/${user.id}`), 204);
      const ip = freshIp();

      expectStatus(await admin('POST', `/tenants/${w.tenantId}/users/${user.id}/deactivate`), 200);
      const refused = await login(user.username, PASSWORD, ip);
      expect(refused.status).toBe(401);
      expect(refused.body.accessToken).toBeUndefined();

      expectStatus(await admin('POST', `/tenants/${w.tenantId}/users/${user.id}/activate`), 200);
      const { body } = expectStatus(await login(user.username, PASSWORD, ip), 200);
      expect([...body.roles].sort()).toEqual(['crm.read', 'crm.write']);
      const claims = decodeJwt(body.accessToken);
      expect([...(claims.roles as string[])].sort()).toEqual(['crm.read', 'crm.write']);
      expect(claims.sub).toBe(user.id);
      expect((await attempts(user.id)).items.map((a: { result: string }) => a.result)).toEqual([
        'logged-in',
        'inactive-user',
      ]);
    });
  });

  describe('the client address', () => {
    it('ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
      const user = await readerUser();
      const ip = freshIp();
      expectStatus(await login(user.username, PASSWORD, ip, { headers: { 'x-forwarded-for': '203.0.113.9' } }), 200);
      expect((await attempts(user.id)).items).toEqual([expect.objectContaining({ result: 'logged-in', ip })]);
    });
  });
});

describe('behind a trusted proxy (TRUST_PROXY=true)', () => {
  let t: TestApp;
  let w: AccountWorld;
  const { createUser, login, attempts } = endUsers(
    () => t,
    () => w,
  );

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true' });
    w = await createAccountWorld(t);
  }, 60_000);
  afterAll(async () => t?.close());

  it('records the client address X-Forwarded-For names', async () => {
    const user = await createUser({ username: unique('proxied'), password: PASSWORD });
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    expectStatus(await login(user.username, PASSWORD, freshIp(), { headers }), 200);
    expect((await login(user.username, 'wrong', freshIp(), { headers })).status).toBe(401);
    expect((await attempts(user.id)).items.map((a: { result: string; ip: string }) => [a.result, a.ip])).toEqual([
      ['invalid-password', '203.0.113.9'],
      ['logged-in', '203.0.113.9'],
    ]);
  });

  it('ignores entries a client prepends to X-Forwarded-For: only the proxy’s own entry counts', async () => {
    const user = await createUser({ username: unique('spoofing'), password: PASSWORD });
    const headers = { 'x-forwarded-for': '6.6.6.6, 203.0.113.10' };
    expect((await login(user.username, 'wrong', freshIp(), { headers })).status).toBe(401);
    expect((await attempts(user.id)).items).toEqual([
      expect.objectContaining({ result: 'invalid-password', ip: '203.0.113.10' }),
    ]);
  });

  it('answers a forwarded value too long for an address like any other failed login, not with a 500', async () => {
    const user = await createUser({ username: unique('forged'), password: PASSWORD });
    const headers = { 'x-forwarded-for': `forged-${'x'.repeat(100)}` };
    expect((await login(user.username, 'wrong', freshIp(), { headers })).status).toBe(401);
    expect((await attempts(user.id)).items).toEqual([
      expect.objectContaining({ result: 'invalid-password', ip: `forged-${'x'.repeat(38)}` }),
    ]);
  });
});
