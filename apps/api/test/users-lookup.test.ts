/**
 * Users found by username, upserted by username, and counted (API.md §10, issue 18): the lookup compares as
 * uniqueness does, the upsert goes through the create and update rules (and their audit and change events),
 * and the count and the list narrow through the same filters, the last-login window included.
 */
import { lastLoginInWindow, type LastLoginWindow } from '@roster/domain';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { changeMark, expectChanges } from './changes.js';
import { expectStatus, type Response, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
}, 60_000);
afterAll(async () => t?.close());

const call = (method: string, url: string, body?: unknown) => t.request(method, url, { token: w.tokens.admin, body });
const users = (tenantId = w.tenantId) => `/tenants/${tenantId}/users`;
const byUsername = (username: string, tenantId = w.tenantId) =>
  `${users(tenantId)}/by-username/${encodeURIComponent(username)}`;

async function createUser(body: Record<string, unknown>, tenantId = w.tenantId) {
  return expectStatus(await call('POST', users(tenantId), body), 201).body;
}

/** ASCII as its full-width forms (ＡＤＡ), which NFKC folds back. */
const fullWidth = (text: string) =>
  text.replace(/[!-~]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0));

function expectProblem(response: Response, status: number, fields: string[] = []) {
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
    status,
    type: expect.stringContaining('application/problem+json'),
  });
  for (const field of fields) {
    expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
  }
  return response.body;
}

async function rowsWithKey(username: string, tenantId = w.tenantId): Promise<number> {
  const { rows } = await t.db.query(
    'SELECT count(*)::int AS n FROM end_users WHERE tenant_id = $1 AND username_key = lower($2)',
    [tenantId, username],
  );
  return rows[0].n;
}

describe('GET users/by-username/:username', () => {
  it('finds the user by its exact username', async () => {
    const user = await createUser({ username: unique('ada'), name: 'Ada', email: `${unique('ada')}@example.com` });
    const found = expectStatus(await call('GET', byUsername(user.username)), 200).body;
    expect(found).toEqual(expectStatus(await call('GET', `${users()}/${user.id}`), 200).body);
  });

  it('compares as uniqueness does: case, width, accent encoding and surrounding space do not matter', async () => {
    const base = unique('jos\u00e9');
    const user = await createUser({ username: `Stra\u00dfe.${base}` });
    for (const spelling of [
      `STRASSE.${base.toUpperCase()}`,
      `strasse.${base}`,
      fullWidth(`STRASSE.`) + base,
      `stra\u00dfe.${base.normalize('NFD')}`,
      `  Stra\u00dfe.${base}  `,
    ]) {
      expect({ spelling, id: expectStatus(await call('GET', byUsername(spelling)), 200).body.id }).toEqual({
        spelling,
        id: user.id,
      });
    }
  });

  it('is exact: a part of a username, or a look-alike of another script, finds nobody', async () => {
    const username = unique('grace');
    await createUser({ username });
    expectProblem(await call('GET', byUsername(username.slice(0, -1))), 404);
    expectProblem(await call('GET', byUsername(`${username}x`)), 404);
    expectProblem(await call('GET', byUsername(`\u0261${username.slice(1)}`)), 404); // ɡ (Latin script g) is not g
  });

  it('takes any username a path can carry: slashes, percent signs, query characters, 250 emoji', async () => {
    for (const username of [`a/b?c%d#e&f=${unique('g')}`, '\u{1F600}'.repeat(250), 'n'.repeat(250)]) {
      const user = await createUser({ username });
      expect(expectStatus(await call('GET', byUsername(username)), 200).body.id).toBe(user.id);
    }
  });

  it('answers 404 problem+json naming the username, the same for a username of another tenant', async () => {
    const theirs = unique('theirs');
    await createUser({ username: theirs }, w.otherTenantId);
    const never = unique('never');
    const foreign = expectProblem(await call('GET', byUsername(theirs)), 404);
    const unknown = expectProblem(await call('GET', byUsername(never)), 404);
    expect(foreign.detail).toContain(`“${theirs}”`);
    expect(foreign.detail).toMatch(/ignoring case/);
    expect(foreign.detail.replace(theirs, '<name>')).toBe(unknown.detail.replace(never, '<name>'));
    // In its own tenant it is found; a tenant-admin of the other tenant is not let in at all.
    expectStatus(await call('GET', byUsername(theirs, w.otherTenantId)), 200);
    const asTenantAdmin = await t.request('GET', byUsername(theirs, w.otherTenantId), {
      token: w.tokens['tenant-admin'],
    });
    expectProblem(asTenantAdmin, 404);
  });

  it('finds a user named like the static routes beside it', async () => {
    for (const username of ['count', 'by-username', 'bulk']) {
      const user = await createUser({ username }, await freshTenant());
      expect(expectStatus(await call('GET', byUsername(username, user.tenantId)), 200).body.id).toBe(user.id);
    }
  });
});

describe('PUT users/by-username/:username', () => {
  it('creates the user (201) with the path’s username, recording user.created as POST does', async () => {
    const username = unique('Upserted');
    let created: Record<string, unknown> = {};
    const [event] = await expectChanges(t, async () => {
      created = expectStatus(
        await call('PUT', byUsername(username), {
          name: 'Up Serted',
          email: `${unique('up')}@example.com`,
          externalId: 'EXT-1',
          password: 'a long enough secret',
        }),
        201,
      ).body;
    }, [{ type: 'user.created' }]);
    expect(created).toMatchObject({ username, kind: 'registered', name: 'Up Serted', externalId: 'EXT-1' });
    expect(event).toMatchObject({
      subject: { type: 'user', id: created.id },
      before: null,
      after: created,
      tenantId: w.tenantId,
      actor: { kind: 'operator' },
    });
    const login = await t.request('POST', `/tenants/${w.tenantId}/auth/login`, {
      body: { username, password: 'a long enough secret' },
    });
    expectStatus(login, 200);
  });

  it('updates the user there is (200): only the fields given change, recorded as PATCH records them', async () => {
    const username = unique('existing');
    const user = await createUser({ username, name: 'Old Name', email: `${username}@example.com`, externalId: 'E-1' });
    let updated: Record<string, unknown> = {};
    const [event] = await expectChanges(t, async () => {
      updated = expectStatus(await call('PUT', byUsername(username.toUpperCase()), { name: 'New Name' }), 200).body;
    }, [{ type: 'user.updated', subject: { type: 'user', id: user.id } }]);
    expect(updated).toEqual({ ...user, name: 'New Name', updatedAt: expect.any(String) });
    expect(event!.before).toEqual(user);
    expect(event!.after).toEqual(updated);
    // The same again changes nothing, and records nothing.
    await expectChanges(
      t,
      async () => expect((await call('PUT', byUsername(username), { name: 'New Name' })).body).toEqual(updated),
      [],
    );
    // An empty body is an update of nothing, never a 400 for a missing username.
    expect(expectStatus(await call('PUT', byUsername(username), {}), 200).body).toEqual(updated);
    // Cleared fields are cleared, as PATCH clears them.
    const cleared = expectStatus(await call('PUT', byUsername(username), { externalId: null, isActive: false }), 200);
    expect(cleared.body).toMatchObject({ externalId: null, isActive: false, name: 'New Name', email: user.email });
  });

  it('sets a given password with the change, recording user.password.changed (alone, if nothing else changed)', async () => {
    const username = unique('pw');
    const user = await createUser({ username, password: 'the first password' });
    const before = (await t.db.query('SELECT password_hash FROM end_users WHERE id = $1', [user.id])).rows[0];
    const [event] = await expectChanges(
      t,
      async () => expectStatus(await call('PUT', byUsername(username), { password: 'the second password' }), 200),
      [{ type: 'user.password.changed', subject: { type: 'user', id: user.id }, before: null, after: null }],
    );
    expect(JSON.stringify(event)).not.toMatch(/second password|argon2/);
    const after = (await t.db.query('SELECT password_hash FROM end_users WHERE id = $1', [user.id])).rows[0];
    expect(after.password_hash).not.toBe(before.password_hash);
    const login = (password: string) =>
      t.request('POST', `/tenants/${w.tenantId}/auth/login`, { body: { username, password } });
    expectStatus(await login('the second password'), 200);
    expectStatus(await login('the first password'), 401);

    const respelled = username.toUpperCase();
    const changes = await expectChanges(t, async () => {
      const response = await call('PUT', byUsername(username), { username: respelled, password: 'the third password' });
      expect(expectStatus(response, 200).body.username).toBe(respelled);
    }, [{ type: 'user.updated' }, { type: 'user.password.changed' }]);
    expect(changes[0]!.after).toMatchObject({ username: respelled });
  });

  it('refuses a password equal to the username as it ends up, changing nothing (one transaction)', async () => {
    const username = unique('atomic');
    const user = await createUser({ username, name: 'Kept Name' });
    // Written full-width in the path, the username passes the create rules' check; the user's own does not.
    const response = await call('PUT', byUsername(fullWidth(username)), { name: 'Lost Name', password: username });
    expect(expectProblem(response, 400, ['password']).errors).toEqual([
      { field: 'password', message: 'must not be the same as the username' },
    ]);
    expect(expectStatus(await call('GET', `${users()}/${user.id}`), 200).body).toEqual(user);
    // Checked against the path's username when the body has none, as POST checks it against the body's.
    expectProblem(await call('PUT', byUsername(unique('new')), { password: 'x'.repeat(3) }), 400, ['password']);
    const name = unique('longname');
    expectProblem(await call('PUT', byUsername(name), { password: name.toUpperCase() }), 400, ['password']);
    expect(await rowsWithKey(name)).toBe(0);
  });

  it('keeps how the body writes the username when it creates', async () => {
    const username = unique('grace');
    const created = expectStatus(await call('PUT', byUsername(username), { username: username.toUpperCase() }), 201);
    expect(created.body.username).toBe(username.toUpperCase());
  });

  it('refuses a body username other than the path’s (400 naming username), creating nothing', async () => {
    const username = unique('path');
    const body = expectProblem(await call('PUT', byUsername(username), { username: unique('body') }), 400, [
      'username',
    ]);
    expect(body.detail).toMatch(/path/);
    expect(await rowsWithKey(username)).toBe(0);
    const existing = await createUser({ username: unique('there') });
    expectProblem(await call('PUT', byUsername(existing.username), { username: unique('other') }), 400, ['username']);
  });

  it('refuses an anonymous user (400 naming kind) and takes kind "registered"', async () => {
    const username = unique('kind');
    expectProblem(await call('PUT', byUsername(username), { kind: 'anonymous' }), 400, ['kind']);
    expect(await rowsWithKey(username)).toBe(0);
    expectStatus(await call('PUT', byUsername(username), { kind: 'registered' }), 201);
    expectStatus(await call('PUT', byUsername(username), { kind: 'registered', name: 'Again' }), 200);
  });

  it('applies the create rules to the path’s username and the body’s fields', async () => {
    expectProblem(await call('PUT', byUsername('d'.repeat(251)), {}), 400, ['username']);
    expectProblem(await call('PUT', byUsername(`p\u0430ypal-${unique('x')}`), {}), 400, ['username']); // Cyrillic а
    expectProblem(await call('PUT', byUsername('   '), {}), 400, ['username']);
    expectProblem(await call('PUT', byUsername(unique('f')), { email: 'not an address' }), 400, ['email']);
    expectProblem(await call('PUT', byUsername(unique('f')), { unknownField: 1 }), 400, ['unknownField']);
    const email = `${unique('taken')}@example.com`;
    await createUser({ username: unique('holder'), email });
    expectProblem(await call('PUT', byUsername(unique('f')), { email: email.toUpperCase() }), 409, ['email']);
  });

  /**
   * Runs `request` while another transaction holds `hold`'s writes open, waits until the request waits on them
   * (a lock of that transaction), then commits them: the request's lookup saw the data before them, its write
   * meets them after.
   */
  async function whileHeld(
    hold: (sql: (text: string, values: unknown[]) => Promise<unknown>) => Promise<void>,
    request: () => Promise<Response>,
  ) {
    const client = await t.db.connect();
    try {
      await client.query('BEGIN');
      await hold((text, values) => client.query(text, values));
      const pending = request();
      await vi.waitFor(
        async () => {
          const { rows } = await t.db.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> $1`,
            [(await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid],
          );
          expect(rows[0].n).toBe(1);
        },
        { timeout: 5_000, interval: 20 },
      );
      await client.query('COMMIT');
      return await pending;
    } finally {
      client.release();
    }
  }

  it('updates (200) the user another request created between its lookup and its insert', async () => {
    const username = unique('held');
    const id = randomUUID();
    const response = await whileHeld(
      (sql) =>
        sql(
          `INSERT INTO end_users (id, tenant_id, kind, username, username_key, username_sort)
           VALUES ($1, $2, 'registered', $3, lower($3), lower($3))`,
          [id, w.tenantId, username],
        ) as Promise<void>,
      () => call('PUT', byUsername(username), { name: 'Second' }),
    );
    expect(expectStatus(response, 200).body).toMatchObject({ id, username, name: 'Second' });
    expect(await rowsWithKey(username)).toBe(1);
  });

  it('creates (201) the user again when another request deleted it between its lookup and its update', async () => {
    const user = await createUser({ username: unique('doomed'), name: 'First' });
    const response = await whileHeld(
      async (sql) => {
        await sql('SELECT 1 FROM end_users WHERE id = $1 FOR UPDATE', [user.id]);
        await sql('DELETE FROM end_users WHERE id = $1', [user.id]);
      },
      () => call('PUT', byUsername(user.username), { name: 'Second' }),
    );
    expect(expectStatus(response, 201).body).toMatchObject({ username: user.username, name: 'Second' });
    expect(response.body.id).not.toBe(user.id);
  });

  it('creates one user when several requests upsert one new username at once', async () => {
    for (const shared of [{}, { email: `${unique('race')}@example.com`, password: 'a racing password' }]) {
      const username = unique('race');
      const mark = await changeMark(t);
      const responses = await Promise.all(
        Array.from({ length: 6 }, (_, i) => call('PUT', byUsername(username), { ...shared, name: `Racer ${i}` })),
      );
      const statuses = responses.map((response) => response.status);
      expect(
        statuses.filter((status) => status === 201),
        JSON.stringify(statuses),
      ).toHaveLength(1);
      expect(
        statuses.every((status) => status === 200 || status === 201 || status === 409),
        JSON.stringify(responses.map((response) => response.body)),
      ).toBe(true);
      expect(await rowsWithKey(username)).toBe(1);
      const ids = new Set(responses.filter((r) => r.status < 300).map((response) => response.body.id));
      expect(ids.size).toBe(1);
      const { rows } = await t.db.query(
        `SELECT event->>'type' AS type FROM outbox_events WHERE id > $1 AND event->'subject'->>'id' = $2`,
        [mark, [...ids][0]],
      );
      expect(rows.filter((row) => row.type === 'user.created')).toHaveLength(1);
    }
  });
});

/** A new tenant of the world's environment, for counts no other test disturbs. */
async function freshTenant(): Promise<string> {
  return expectStatus(
    await t.request('POST', `/environments/${w.environmentId}/tenants`, {
      token: t.adminToken,
      body: { name: unique('tenant') },
    }),
    201,
  ).body.id;
}

describe('GET users/count and the last-login filters', () => {
  /** Users of a fresh tenant with their last logins (null: never), set directly in the database. */
  const LOGINS: Record<string, string | null> = {
    january: '2025-01-10T00:00:00.000Z',
    february: '2025-02-10T00:00:00.000Z',
    marchEarly: '2025-03-10T12:00:00.123Z',
    marchLate: '2025-03-10T12:00:00.124Z',
    never: null,
    neverInactive: null,
  };
  let tenantId: string;
  let groupId: string;
  const fixtures: { id: string; key: string; lastLoginAt: Date | null }[] = [];
  const countOf = async (query: string) =>
    expectStatus(await call('GET', `${users(tenantId)}/count?${query}`), 200).body.count as number;
  const listIds = async (query: string) => {
    const { body } = expectStatus(await call('GET', `${users(tenantId)}?limit=200&${query}`), 200);
    expect(body.nextCursor).toBeNull();
    return (body.items as { id: string }[]).map((item) => item.id).sort();
  };
  const expectedIds = (window: LastLoginWindow) =>
    fixtures
      .filter((user) => lastLoginInWindow(user.lastLoginAt, window))
      .map((user) => user.id)
      .sort();

  beforeAll(async () => {
    tenantId = await freshTenant();
    expectStatus(
      await t.request('PUT', `/environments/${w.environmentId}/applications/lookup-app`, {
        token: t.adminToken,
        body: { name: 'Lookup', roles: [{ key: 'lookup.reader', name: 'Reader' }] },
      }),
      201,
    );
    groupId = expectStatus(await call('POST', `/tenants/${tenantId}/groups`, { name: 'Counted' }), 201).body.id;
    for (const [key, at] of Object.entries(LOGINS)) {
      const user = await createUser(
        { username: `count-${key}`, email: `${key}@client.example`, isActive: key !== 'neverInactive' },
        tenantId,
      );
      await t.db.query('UPDATE end_users SET last_login_at = $2 WHERE id = $1', [user.id, at]);
      fixtures.push({ id: user.id, key, lastLoginAt: at === null ? null : new Date(at) });
    }
    const anonymous = await createUser({ kind: 'anonymous' }, tenantId);
    fixtures.push({ id: anonymous.id, key: 'anonymous', lastLoginAt: null });
    const id = (key: string) => fixtures.find((user) => user.key === key)!.id;
    expectStatus(await call('PUT', `/tenants/${tenantId}/groups/${groupId}/members/${id('january')}`), 204);
    expectStatus(await call('PUT', `/tenants/${tenantId}/groups/${groupId}/members/${id('never')}`), 204);
    expectStatus(await call('PUT', `/tenants/${tenantId}/users/${id('february')}/roles/lookup.reader`), 204);
  }, 60_000);

  it('counts the tenant’s users, answering {count} (not a user named “count”)', async () => {
    const response = expectStatus(await call('GET', `${users(tenantId)}/count`), 200);
    expect(response.body).toEqual({ count: fixtures.length });
  });

  it.each([
    ['isActive=false', 1],
    ['isActive=true', 6],
    ['kind=anonymous', 1],
    ['kind=registered', 6],
    ['search=MARCH', 2],
    ['search=client.example', 6],
    ['licenseClass=inactive', 1],
    // No internal domains set: every active registered user is internal.
    ['licenseClass=internal,anonymous', 6],
    ['licenseClass=external', 0],
    ['roleKey=lookup.reader', 1],
    ['roleKey=lookup.reader&roleSource=group', 0],
    ['search=count&isActive=true&kind=registered&lastLoginAfter=2025-02-01T00:00:00Z', 3],
  ])('counts with %s as the list filters: %i', async (query, expected) => {
    expect(await countOf(query)).toBe(expected);
    expect(await listIds(query)).toHaveLength(expected);
  });

  it('counts with groupId as the list and the group’s members list filter', async () => {
    expect(await countOf(`groupId=${groupId}`)).toBe(2);
    expect(await countOf(`groupId=${groupId}&lastLoginBefore=2025-01-01T00:00:00Z`)).toBe(1);
    const members = expectStatus(
      await call('GET', `/tenants/${tenantId}/groups/${groupId}/members?lastLoginAfter=2025-01-01T00:00:00Z`),
      200,
    ).body.items;
    expect(members.map((user: { username: string }) => user.username)).toEqual(['count-january']);
  });

  const WINDOWS: [string, LastLoginWindow][] = [
    ['lastLoginBefore=2025-02-10T00:00:00Z', { before: new Date('2025-02-10T00:00:00Z') }],
    ['lastLoginAfter=2025-02-10T00:00:00Z', { after: new Date('2025-02-10T00:00:00Z') }],
    ['lastLoginAfter=2025-02-10T01:00:00%2B01:00', { after: new Date('2025-02-10T00:00:00Z') }],
    ['lastLoginBefore=2025-02-09T19:00:00-05:00', { before: new Date('2025-02-10T00:00:00Z') }],
    [
      'lastLoginAfter=2025-01-01T00:00:00Z&lastLoginBefore=2025-03-01T00:00:00Z',
      { after: new Date('2025-01-01T00:00:00Z'), before: new Date('2025-03-01T00:00:00Z') },
    ],
    ['lastLoginBefore=2000-01-01T00:00:00Z', { before: new Date('2000-01-01T00:00:00Z') }],
    ['lastLoginAfter=2100-01-01T00:00:00Z', { after: new Date('2100-01-01T00:00:00Z') }],
    // Finer than a millisecond: rounded up to the next one, which keeps exactly the users the instant itself would.
    ['lastLoginBefore=2025-03-10T12:00:00.1235Z', { before: new Date('2025-03-10T12:00:00.124Z') }],
    ['lastLoginAfter=2025-03-10T12:00:00.123001Z', { after: new Date('2025-03-10T12:00:00.124Z') }],
    ['lastLoginAfter=2025-03-10T12:00:00.123000Z', { after: new Date('2025-03-10T12:00:00.123Z') }],
  ];

  it.each(WINDOWS)('%s: the count, the list (in every sort) and the rule agree', async (query, window) => {
    const expected = expectedIds(window);
    expect(await countOf(query)).toBe(expected.length);
    for (const sort of ['username', '-lastLoginAt', 'lastLoginAt', 'createdAt']) {
      expect(await listIds(`${query}&sort=${sort}`)).toEqual(expected);
    }
    const paged = expectStatus(await call('GET', `${users(tenantId)}?limit=1&includeTotal=true&${query}`), 200);
    expect(paged.body.total).toBe(expected.length);
  });

  it('counts the never-logged-in users in before T and never in after T', async () => {
    const never = fixtures.filter((user) => user.lastLoginAt === null).length;
    expect(never).toBe(3);
    const T = '2025-02-10T00:00:00Z';
    const [before, after] = [await countOf(`lastLoginBefore=${T}`), await countOf(`lastLoginAfter=${T}`)];
    expect(before + after).toBe(fixtures.length);
    expect(await countOf('lastLoginBefore=1970-01-01T00:00:00Z')).toBe(never);
    expect(await countOf('lastLoginAfter=1970-01-01T00:00:00Z')).toBe(fixtures.length - never);
  });

  it.each([
    'yesterday',
    '2025-01-01',
    '2025-01-01T00:00:00',
    '2025-02-30T00:00:00Z',
    '2025-01-01T25:00:00Z',
    '2025-01-01 00:00:00Z',
    '1735689600000',
    '',
  ])('refuses lastLoginBefore/After=%s with a 400 naming the field, in the count and the list', async (value) => {
    for (const field of ['lastLoginBefore', 'lastLoginAfter']) {
      for (const path of [`${users(tenantId)}/count`, users(tenantId)]) {
        const body = expectProblem(await call('GET', `${path}?${field}=${encodeURIComponent(value)}`), 400, [field]);
        expect(body.errors.find((error: { field: string }) => error.field === field).message).toMatch(/ISO 8601/);
      }
    }
  });

  it.each([
    ['equal bounds', '2025-02-10T00:00:00Z', '2025-02-10T00:00:00Z'],
    ['swapped bounds', '2025-01-01T00:00:00Z', '2025-03-01T00:00:00Z'],
    ['the same instant in two offsets', '2025-02-10T00:00:00Z', '2025-02-10T01:00:00%2B01:00'],
  ])('refuses an empty window (%s) with a 400 naming both bounds', async (_label, before, after) => {
    for (const path of [`${users(tenantId)}/count`, users(tenantId)]) {
      const body = expectProblem(await call('GET', `${path}?lastLoginBefore=${before}&lastLoginAfter=${after}`), 400, [
        'lastLoginBefore',
        'lastLoginAfter',
      ]);
      expect(body.detail).toMatch(/swapped/);
    }
  });

  it('takes none of the list’s paging or sort, and refuses what the list refuses', async () => {
    for (const query of ['limit=10', 'cursor=abc', 'includeTotal=true', 'sort=username', 'unknown=1']) {
      expectProblem(await call('GET', `${users(tenantId)}/count?${query}`), 400, [query.split('=')[0]!]);
    }
    expectProblem(await call('GET', `${users(tenantId)}/count?roleSource=direct`), 400, ['roleSource']);
    expectProblem(await call('GET', `${users(tenantId)}/count?isActive=yes`), 400, ['isActive']);
    expectProblem(await call('GET', `${users(tenantId)}/count?roleKey=lookup.unknown`), 404);
  });
});
