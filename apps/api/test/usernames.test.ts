/**
 * Usernames and names (issue 14, items 2, 9 and 10): one normalization (NFKC, case fold) for uniqueness and
 * lookup of end users, operators and the platform admin; no hidden characters or look-alike script mixes;
 * e-mail addresses unique per tenant ignoring case; long non-Latin usernames fit the indexes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld, PASSWORD } from './world.js';

let t: TestApp;
let w: AccountWorld;
beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
}, 60_000);
afterAll(async () => t?.close());

const call = (method: string, url: string, body?: unknown, token = w.tokens.admin) =>
  t.request(method, url, { token, body });

async function freshTenant(): Promise<string> {
  return expectStatus(await call('POST', `/environments/${w.environmentId}/tenants`, { name: unique('tenant') }), 201)
    .body.id;
}

const createUser = (tenantId: string, body: Record<string, unknown>) =>
  call('POST', `/tenants/${tenantId}/users`, body);

const endUserLogin = (tenantId: string, username: string) =>
  t.request('POST', `/tenants/${tenantId}/auth/login`, {
    body: { username, password: PASSWORD },
    remoteAddress: `10.20.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  });

function expectFieldProblem(response: { status: number; body: any }, field: string, message: RegExp): void {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  const error = response.body.errors.find((e: { field: string }) => e.field === field);
  expect(error?.message, JSON.stringify(response.body)).toMatch(message);
}

/** `count` characters, each a different one from the block starting at `first` (poorly compressible). */
const varied = (first: number, span: number, count: number) =>
  Array.from({ length: count }, (_, i) => String.fromCodePoint(first + ((i * 7919) % span))).join('');

describe('one normalization for end users', () => {
  it.each([
    ['\u0130rise', 'i\u0307rise'],
    ['\u0131van', 'Ivan'],
    ['Stra\u00dfe', 'STRASSE'],
    ['\uff41\uff44\uff41.lovelace', 'Ada.Lovelace'],
    ['jos\u00e9', 'jose\u0301'],
  ])('%s and %s are one username in a tenant (409), two in two tenants', async (first, second) => {
    const tenantId = await freshTenant();
    const created = expectStatus(await createUser(tenantId, { username: first }), 201).body;
    expect(created.username).toBe(first);
    const duplicate = await createUser(tenantId, { username: second });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.detail).toMatch(/already exists in this tenant/);
    expect(duplicate.body.errors).toEqual([{ field: 'username', message: expect.any(String) }]);
    const other = expectStatus(await createUser(tenantId, { username: `other-${tenantId}` }), 201).body;
    expect((await call('PATCH', `/tenants/${tenantId}/users/${other.id}`, { username: second })).status).toBe(409);
    expectStatus(await createUser(await freshTenant(), { username: second }), 201);
  });

  it('finds the user at login under any spelling of its username: case, width, composition', async () => {
    const tenantId = await freshTenant();
    const user = expectStatus(
      await createUser(tenantId, { username: 'Jos\u00e9.Stra\u00dfe', password: PASSWORD }),
      201,
    ).body;
    for (const spelling of ['jos\u00e9.strasse', 'JOSE\u0301.STRASSE', '\uff2a\uff4f\uff53\u00e9.Stra\u00dfe']) {
      const response = expectStatus(await endUserLogin(tenantId, spelling), 200);
      expect(response.body.user.id).toBe(user.id);
      expect(response.body.user.username).toBe('Jos\u00e9.Stra\u00dfe');
    }
  });
});

describe('one normalization for operators', () => {
  it('refuses an operator whose username differs from another only in case, width or composition (409)', async () => {
    const username = `Zo\u00eb.${unique('ops')}`;
    expectStatus(
      await call(
        'POST',
        `/accounts/${w.accountId}/operators`,
        { username, password: PASSWORD, role: 'admin' },
        w.tokens.owner,
      ),
      201,
    );
    const spelled = username.toUpperCase().replace('\u00cb', 'E\u0308');
    const duplicate = await call(
      'POST',
      `/accounts/${w.accountId}/operators`,
      { username: spelled, password: PASSWORD, role: 'admin' },
      w.tokens.owner,
    );
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.detail).toMatch(/username is not available/);
    expect(duplicate.body.errors[0].field).toBe('username');
    // Login finds the operator under that spelling.
    const me = expectStatus(await call('GET', '/me', undefined, await t.login(spelled, PASSWORD)), 200).body;
    expect(me.username).toBe(username);
  });

  it('finds the platform admin under another case or width', async () => {
    for (const spelling of [ADMIN.username.toUpperCase(), '\uff52\uff4f\uff4f\uff54-admin']) {
      const me = expectStatus(await call('GET', '/me', undefined, await t.login(spelling, ADMIN.password)), 200).body;
      expect(me).toMatchObject({ username: ADMIN.username, role: 'platform-admin' });
    }
  });
});

describe('hidden characters and look-alike scripts', () => {
  it.each([
    ['ada.\u200blovelace', /invisible characters \(U\+200B\)/],
    ['ux.\u202egnp.exe', /change the direction of text \(U\+202E\)/],
    ['\u0430da', /must not mix letters of Cyrillic and Latin scripts/],
    ['\u03c1aypal', /must not mix letters of Greek and Latin scripts/],
  ])('refuses the username %j with a 400 naming the field, for users and operators', async (username, message) => {
    expectFieldProblem(await createUser(w.tenantId, { username }), 'username', message);
    const user = expectStatus(await createUser(w.tenantId, { username: unique('plain') }), 201).body;
    expectFieldProblem(
      await call('PATCH', `/tenants/${w.tenantId}/users/${user.id}`, { username }),
      'username',
      message,
    );
    expectFieldProblem(
      await call(
        'POST',
        `/accounts/${w.accountId}/operators`,
        { username, password: PASSWORD, role: 'admin' },
        w.tokens.owner,
      ),
      'username',
      message,
    );
  });

  it('refuses direction controls and invisible characters in names people read', async () => {
    const rlo = 'Invoice \u202egnp.exe';
    expectFieldProblem(await createUser(w.tenantId, { username: unique('n'), name: rlo }), 'name', /direction/);
    expectFieldProblem(await createUser(w.tenantId, { username: unique('n'), name: 'Ada\u200b' }), 'name', /invisible/);
    expectFieldProblem(await call('POST', `/tenants/${w.tenantId}/groups`, { name: rlo }), 'name', /direction/);
    expectFieldProblem(
      await call('POST', `/environments/${w.environmentId}/tenants`, { name: '\u2066Acme\u2069' }),
      'name',
      /direction/,
    );
    expectFieldProblem(
      await call('POST', `/accounts/${w.accountId}/environments`, { name: '\u200b', kind: 'production' }),
      'name',
      /invisible/,
    );
    // What writing needs stays allowed: a Persian name with a zero-width non-joiner, an emoji sequence.
    const user = expectStatus(
      await createUser(w.tenantId, {
        username: unique('fa'),
        name: '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645',
      }),
      201,
    ).body;
    expect(user.name).toBe('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645');
    expectStatus(await call('POST', `/tenants/${w.tenantId}/groups`, { name: '\u{1f469}\u200d\u{1f4bb} Devs' }), 201);
  });
});

describe('e-mail addresses', () => {
  it('refuses, within a tenant, an address another user has in another case (409 naming the field)', async () => {
    const tenantId = await freshTenant();
    const ada = expectStatus(await createUser(tenantId, { username: 'ada', email: 'Ada@Example.com' }), 201).body;
    const duplicate = await createUser(tenantId, { username: 'ada2', email: 'ada@example.COM' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.errors).toEqual([{ field: 'email', message: expect.stringMatching(/another user/) }]);

    const grace = expectStatus(await createUser(tenantId, { username: 'grace', email: 'grace@example.com' }), 201).body;
    const patched = await call('PATCH', `/tenants/${tenantId}/users/${grace.id}`, { email: 'ADA@example.com' });
    expect(patched.status).toBe(409);
    expect(patched.body.errors[0].field).toBe('email');
    // A user may change the case of its own address; another tenant may hold the same address.
    expectStatus(await call('PATCH', `/tenants/${tenantId}/users/${ada.id}`, { email: 'ada@example.com' }), 200);
    expectStatus(await createUser(await freshTenant(), { username: 'ada', email: 'ADA@EXAMPLE.COM' }), 201);
  });

  it('lets exactly one of two simultaneous requests take an address', async () => {
    const tenantId = await freshTenant();
    const responses = await Promise.all(
      ['same@example.com', 'SAME@example.com', 'Same@Example.com'].map((email, i) =>
        createUser(tenantId, { username: `racer-${i}`, email }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, 409, 409]);
  });
});

describe('long usernames in any script', () => {
  const longName = varied(0x20000, 20000, 200); // CJK Extension B: 4 bytes each
  const longEmail = (tag: string) =>
    `${tag}${'x'.repeat(64 - tag.length)}@${['a', 'b', 'c', 'd'].map((l) => l.repeat(60)).join('.')}.example`;

  it.each([
    ['250 emoji', varied(0x1f300, 0x300, 250)],
    ['250 CJK ideographs', varied(0x4e00, 20000, 250)],
  ])(
    'creates, lists, sorts and searches a user named with %s, with a long name and e-mail',
    async (label, username) => {
      const tenantId = await freshTenant();
      expect([...username]).toHaveLength(250);
      const email = longEmail(label.replace(/\W/g, ''));
      expect(email.length).toBeLessThanOrEqual(320);
      const user = expectStatus(await createUser(tenantId, { username, name: longName, email }), 201).body;
      const other = expectStatus(await createUser(tenantId, { username: 'aaa' }), 201).body;

      const ascending = expectStatus(await call('GET', `/tenants/${tenantId}/users?sort=username`), 200).body;
      expect(ascending.items.map((u: { id: string }) => u.id)).toEqual([other.id, user.id]);
      const descending = expectStatus(await call('GET', `/tenants/${tenantId}/users?sort=-username&limit=1`), 200).body;
      expect(descending.items[0].username).toBe(username);
      const second = await call(
        'GET',
        `/tenants/${tenantId}/users?sort=-username&limit=1&cursor=${descending.nextCursor}`,
      );
      expect(expectStatus(second, 200).body.items[0].id).toBe(other.id);
      const search = encodeURIComponent([...username].slice(20, 40).join(''));
      const found = expectStatus(await call('GET', `/tenants/${tenantId}/users?search=${search}`), 200).body;
      expect(found.items.map((u: { id: string }) => u.id)).toEqual([user.id]);
    },
  );
});
