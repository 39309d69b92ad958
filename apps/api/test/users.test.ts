/** End users of a tenant (API.md §5): fields, uniqueness, lifecycle, listing, filters and the tenant audit trail. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

const USER_FIELDS =
  'createdAt email externalId id isActive kind lastLoginAt licenseClass mobilePhone name tenantId updatedAt username';
const SORTS = ['username', '-username', 'createdAt', '-createdAt', 'lastLoginAt', '-lastLoginAt'] as const;
const MISSING = '00000000-0000-7000-8000-000000000000';

let t: TestApp;
let w: AccountWorld;
beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  expectStatus(
    await call('PUT', `/environments/${w.environmentId}/applications/crm`, {
      body: { name: 'CRM', roles: [{ key: 'crm.read', name: 'Read' }] },
    }),
    201,
  );
}, 60_000);
afterAll(async () => t?.close());

/** A request as the admin unless another token is given. */
const call = (method: string, url: string, options: { token?: string; body?: unknown } = {}) =>
  t.request(method, url, { token: w.tokens.admin, ...options });
const users = (tenantId = w.tenantId) => `/tenants/${tenantId}/users`;

function post(body: unknown, tenantId = w.tenantId, token = w.tokens.admin) {
  return t.request('POST', users(tenantId), { token, body });
}

async function createUser(body: Record<string, unknown>, tenantId = w.tenantId, token = w.tokens.admin) {
  return expectStatus(await post(body, tenantId, token), 201).body;
}

/** Exactly the public fields: never a password or a hash. */
function expectUserShape(user: Record<string, unknown>) {
  expect(Object.keys(user).sort().join(' ')).toBe(USER_FIELDS);
  expect(JSON.stringify(user)).not.toMatch(/argon2|password/i);
}

function expectInvalid(response: { status: number; body: any }, field: string) {
  expect(response.status).toBe(400);
  expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
}

async function freshTenant(): Promise<string> {
  const { body } = await call('POST', `/environments/${w.environmentId}/tenants`, { body: { name: unique('tenant') } });
  return body.id;
}

async function auditEvents(query: string, tenantId = w.tenantId, token = w.tokens.admin) {
  return expectStatus(await t.request('GET', `/tenants/${tenantId}/audit-events?limit=200&${query}`, { token }), 200)
    .body.items;
}

async function eventCount(targetId: string, action: string) {
  const { rows } = await t.db.query(
    'SELECT count(*)::int AS n FROM audit_events WHERE target_id = $1 AND action = $2',
    [targetId, action],
  );
  return rows[0].n as number;
}

/** Follows nextCursor to the end; fails on an endless list. */
async function listAll(tenantId: string, query: string, limit: number, between?: () => Promise<void>) {
  const items: any[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages += 1) {
    const params: string = [query, `limit=${limit}`, cursor ? `cursor=${cursor}` : ''].filter(Boolean).join('&');
    const url: string = `${users(tenantId)}?${params}`;
    const { body } = expectStatus(await call('GET', url), 200);
    expect(body.items.length).toBeLessThanOrEqual(limit);
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return items;
    await between?.();
  }
  throw new Error('the list never ended');
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);

/** The order a sort promises: its key (NULL last login = earliest), then the id as tie-breaker. */
function expectedOrder(items: any[], sort: (typeof SORTS)[number]) {
  const field = sort.replace('-', '');
  const key = (u: any) => {
    if (field === 'username') return (u.username ?? '').toLowerCase();
    return u[field] === null ? -Infinity : Date.parse(u[field]);
  };
  const sign = sort.startsWith('-') ? -1 : 1;
  return [...items].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
    return (a.id < b.id ? -1 : 1) * sign;
  });
}

describe('creating users', () => {
  it('creates a registered user and answers 201 with the public fields only', async () => {
    const fields = { username: 'alice', name: 'Alice Example', email: 'alice@example.com', externalId: 'ext-1' };
    const response = await post({ ...fields, password: 'a good long secret', mobilePhone: '+1 (555) 123-4567' });
    expect(response.status).toBe(201);
    expectUserShape(response.body);
    expect(response.body).toMatchObject({
      ...fields,
      tenantId: w.tenantId,
      kind: 'registered',
      mobilePhone: '+1 (555) 123-4567',
      isActive: true,
      lastLoginAt: null,
    });
    expect(response.body.createdAt).toBe(response.body.updatedAt);
  });

  it('creates an anonymous user without a username', async () => {
    const user = await createUser({ kind: 'anonymous' });
    expectUserShape(user);
    expect(user).toMatchObject({ kind: 'anonymous', username: null, name: null, email: null, isActive: true });
  });

  it.each([
    ['username', 'guest'],
    ['email', 'guest@example.com'],
    ['password', 'a good long secret'],
    ['name', 'Guest'],
    ['mobilePhone', '123'],
  ])('refuses an anonymous user with a %s, naming the field', async (field, value) => {
    expectInvalid(await post({ kind: 'anonymous', [field]: value }), field);
  });

  it('requires a username of 1 to 250 characters, trimmed, for a registered user', async () => {
    expect((await createUser({ username: 'b' })).username).toBe('b');
    expect((await createUser({ username: 'c'.repeat(250) })).username).toHaveLength(250);
    expect((await createUser({ username: '  padded  ' })).username).toBe('padded');
    expectInvalid(await post({ username: '' }), 'username');
    expectInvalid(await post({ username: '    ' }), 'username');
    expectInvalid(await post({ username: 'd'.repeat(251) }), 'username');
    expectInvalid(await post({ name: 'No Username' }), 'username');
    expectInvalid(await post({ kind: 'registered' }), 'username');
  });

  it('keeps usernames unique per tenant ignoring case (also beyond ASCII), writing nothing on a conflict', async () => {
    await createUser({ username: 'Dana' });
    const count = async () =>
      (
        await t.db.query(
          `SELECT (SELECT count(*) FROM end_users WHERE lower(username) = 'dana')::int AS users,
                  (SELECT count(*) FROM audit_events WHERE action = 'user.created')::int AS events`,
        )
      ).rows[0];
    const before = await count();
    for (const username of ['dana', 'DANA', '  dAnA ']) {
      const response = await post({ username, name: 'Another Dana' });
      expect(response.status).toBe(409);
      expect(response.body.detail).toMatch(/already exists/);
    }
    expect(await count()).toEqual(before);
    await createUser({ username: 'Émile Ätsch' });
    expect((await post({ username: 'émile ätsch' })).status).toBe(409);
  });

  it('allows the same username in another tenant', async () => {
    await createUser({ username: 'shared-name' });
    const other = await createUser({ username: 'SHARED-NAME' }, w.otherTenantId);
    expect(other.tenantId).toBe(w.otherTenantId);
  });

  it.each([
    ['an invalid email', { email: 'not-an-email' }, 'email'],
    ['a mobile phone over 20 characters', { mobilePhone: '1'.repeat(21) }, 'mobilePhone'],
    ['a mobile phone with letters', { mobilePhone: '+1 555 CALL' }, 'mobilePhone'],
    ['an unknown field', { role: 'admin' }, 'role'],
    ['a password of 7 characters', { password: 'seven77' }, 'password'],
    ['a password of 257 characters', { password: 'p'.repeat(257) }, 'password'],
    ['a password equal to the username ignoring case', { password: 'POLICY-USER' }, 'password'],
  ])('refuses %s with 400', async (_case, fields, field) => {
    expectInvalid(await post({ username: 'policy-user', ...fields }), field);
  });

  it('accepts passwords of 8 and 256 characters', async () => {
    await createUser({ username: unique('pw8'), password: 'eight888' });
    await createUser({ username: unique('pw256'), password: 'p'.repeat(256) });
  });
});

describe('reading one user', () => {
  it('answers the user, and 404 for an unknown id, a malformed id and a user of another tenant', async () => {
    const user = await createUser({ username: unique('reader') });
    const read = expectStatus(await call('GET', `${users()}/${user.id}`), 200);
    expect(read.body).toEqual(user);
    const foreign = await createUser({ username: unique('foreign') }, w.otherTenantId);
    for (const id of [MISSING, 'not-a-uuid', foreign.id]) {
      expect((await call('GET', `${users()}/${id}`)).status).toBe(404);
    }
  });
});

describe('updating users', () => {
  it('changes fields and sets nullable fields to null', async () => {
    const user = await createUser({ username: unique('upd'), name: 'N', email: 'n@x.io', mobilePhone: '1' });
    const patch = async (body: object) =>
      expectStatus(await call('PATCH', `${users()}/${user.id}`, { body }), 200).body;
    const changed = await patch({ name: 'New Name', email: 'new@x.io', isActive: false, externalId: 'e' });
    expectUserShape(changed);
    expect(changed).toMatchObject({
      name: 'New Name',
      email: 'new@x.io',
      isActive: false,
      mobilePhone: '1',
      externalId: 'e',
    });
    expect(changed.updatedAt > user.updatedAt).toBe(true);
    const cleared = await patch({ name: null, email: null, mobilePhone: null, externalId: null });
    expect(cleared).toMatchObject({ name: null, email: null, mobilePhone: null, externalId: null });
  });

  it('refuses to remove the username or to set kind or password', async () => {
    const user = await createUser({ username: unique('fixed') });
    for (const [field, value] of Object.entries({ username: null, kind: 'anonymous', password: 'long enough' })) {
      expectInvalid(await call('PATCH', `${users()}/${user.id}`, { body: { [field]: value } }), field);
    }
  });

  it('refuses a username taken ignoring case (409), but accepts a new case of the own username', async () => {
    await createUser({ username: 'Erin' });
    const frank = await createUser({ username: 'Frank' });
    const url = `${users()}/${frank.id}`;
    expect((await call('PATCH', url, { body: { username: 'ERIN' } })).status).toBe(409);
    expect((await call('GET', url)).body.username).toBe('Frank');
    const renamed = await call('PATCH', url, { body: { username: 'FRANK' } });
    expect(renamed.body.username).toBe('FRANK');
  });

  it('asks for a username when an anonymous user gets personal data, and makes it registered with one', async () => {
    const guest = await createUser({ kind: 'anonymous' });
    const url = `${users()}/${guest.id}`;
    for (const [field, value] of Object.entries({ name: 'Guest', email: 'g@x.io', mobilePhone: '123' })) {
      const response = await call('PATCH', url, { body: { [field]: value } });
      expectInvalid(response, 'username');
      expect(response.body.detail).toMatch(/username/);
    }
    const registered = expectStatus(
      await call('PATCH', url, { body: { username: unique('guest'), name: 'Guest' } }),
      200,
    ).body;
    expect(registered).toMatchObject({ kind: 'registered', name: 'Guest' });
    const [event] = await auditEvents(`targetId=${guest.id}&action=user.updated`);
    expect(event).toMatchObject({ before: { kind: 'anonymous' }, after: { kind: 'registered', name: 'Guest' } });
  });

  it('returns the user unchanged and writes no audit event when nothing changes', async () => {
    const user = await createUser({ username: unique('same'), name: 'Same' });
    const url = `${users()}/${user.id}`;
    const response = await call('PATCH', url, { body: { username: user.username, name: ' Same ', isActive: true } });
    expect(expectStatus(response, 200).body).toEqual(user);
    expect(await eventCount(user.id, 'user.updated')).toBe(0);
  });

  it('answers 404 for a user of another tenant and leaves it alone', async () => {
    const foreign = await createUser({ username: unique('untouchable') }, w.otherTenantId);
    const url = `${users()}/${foreign.id}`;
    expect((await call('PATCH', url, { body: { name: 'X' } })).status).toBe(404);
    expect((await call('DELETE', url)).status).toBe(404);
    const read = await call('GET', `${users(w.otherTenantId)}/${foreign.id}`);
    expect(read.body).toEqual(foreign);
  });
});

describe('deleting users', () => {
  it('answers 204 and then 404, and refuses an ifNoRoles other than true or false', async () => {
    const user = await createUser({ username: unique('gone') });
    const url = `${users()}/${user.id}`;
    expect((await call('DELETE', url)).status).toBe(204);
    expect((await call('GET', url)).status).toBe(404);
    expect((await call('DELETE', url)).status).toBe(404);
    const other = await createUser({ username: unique('maybe') });
    expectInvalid(await call('DELETE', `${users()}/${other.id}?ifNoRoles=yes`), 'ifNoRoles');
  });

  it('refuses ifNoRoles=true while the user holds a direct grant, not for a group grant', async () => {
    const user = await createUser({ username: unique('granted') });
    const { body: group } = await call('POST', `/tenants/${w.tenantId}/groups`, { body: { name: unique('readers') } });
    expectStatus(await call('PUT', `/tenants/${w.tenantId}/groups/${group.id}/roles/crm.read`), 204);
    expectStatus(await call('PUT', `/tenants/${w.tenantId}/groups/${group.id}/members/${user.id}`), 204);
    expectStatus(await call('PUT', `${users()}/${user.id}/roles/crm.read`), 204);
    const refused = await call('DELETE', `${users()}/${user.id}?ifNoRoles=true`);
    expect(refused.status).toBe(409);
    expect((await call('GET', `${users()}/${user.id}`)).status).toBe(200);
    expectStatus(await call('DELETE', `${users()}/${user.id}/roles/crm.read`), 204);
    expectStatus(await call('DELETE', `${users()}/${user.id}?ifNoRoles=true`), 204);
    expect((await call('GET', `${users()}/${user.id}`)).status).toBe(404);
  });

  it('takes memberships and direct grants with the user', async () => {
    const user = await createUser({ username: unique('cascade') });
    const { body: group } = await call('POST', `/tenants/${w.tenantId}/groups`, { body: { name: unique('crew') } });
    await call('PUT', `/tenants/${w.tenantId}/groups/${group.id}/members/${user.id}`);
    await call('PUT', `${users()}/${user.id}/roles/crm.read`);
    expectStatus(await call('DELETE', `${users()}/${user.id}`), 204);
    const { rows } = await t.db.query(
      `SELECT (SELECT count(*) FROM group_members WHERE user_id = $1)::int AS members,
              (SELECT count(*) FROM user_roles WHERE user_id = $1)::int AS grants`,
      [user.id],
    );
    expect(rows[0]).toEqual({ members: 0, grants: 0 });
    expect((await call('GET', `/tenants/${w.tenantId}/groups/${group.id}`)).body.memberCount).toBe(0);
  });
});

describe('activating and deactivating', () => {
  it('is idempotent, returns the user and records each change once', async () => {
    const user = await createUser({ username: unique('toggle') });
    const url = `${users()}/${user.id}`;
    for (const [action, isActive] of [
      ['deactivate', false],
      ['activate', true],
    ] as const) {
      const first = expectStatus(await call('POST', `${url}/${action}`), 200).body;
      const second = expectStatus(await call('POST', `${url}/${action}`), 200).body;
      expectUserShape(first);
      expect(first.isActive).toBe(isActive);
      expect(second).toEqual(first);
      expect(await eventCount(user.id, `user.${action}d`)).toBe(1);
    }
    const [event] = await auditEvents(`targetId=${user.id}&action=user.activated`);
    expect(event).toMatchObject({ before: { isActive: false }, after: { isActive: true } });
  });

  it('activates an active user without writing anything', async () => {
    const user = await createUser({ username: unique('already') });
    const again = await call('POST', `${users()}/${user.id}/activate`);
    expect(again.body).toEqual(user);
    expect(await eventCount(user.id, 'user.activated')).toBe(0);
  });
});

describe('setting a password', () => {
  it('stores an argon2id hash, answers 204 and audits without the secret', async () => {
    const user = await createUser({ username: unique('pw') });
    const password = 'a brand new secret';
    const response = await call('PUT', `${users()}/${user.id}/password`, { body: { password } });
    expect(response.status).toBe(204);
    const { rows } = await t.db.query(
      `SELECT password_hash LIKE '$argon2id$%' AS argon, password_hash FROM end_users WHERE id = $1`,
      [user.id],
    );
    expect(rows[0].argon).toBe(true);
    const [event] = await auditEvents(`targetId=${user.id}&action=user.password.changed`);
    expect(event).toMatchObject({ actorId: w.operatorIds.admin, targetType: 'user', before: null, after: null });
    const { rows: all } = await t.db.query(
      `SELECT coalesce(before::text, '') || coalesce(after::text, '') AS text FROM audit_events WHERE target_id = $1`,
      [user.id],
    );
    const text = all.map((row) => row.text).join('\n');
    expect(text).not.toContain(password);
    expect(text).not.toContain(rows[0].password_hash);
    expect(text).not.toMatch(/argon2|password/i);
    const read = await call('GET', `${users()}/${user.id}`);
    expectUserShape(read.body);
  });

  it('applies the password policy, naming the field', async () => {
    const user = await createUser({ username: 'Policy-Holder' });
    for (const password of ['short', 'x'.repeat(257), 'policy-holder']) {
      const response = await call('PUT', `${users()}/${user.id}/password`, { body: { password } });
      expectInvalid(response, 'password');
    }
    expect(await eventCount(user.id, 'user.password.changed')).toBe(0);
  });

  it('refuses a password for an anonymous user with 409, and answers 404 for an unknown user', async () => {
    const guest = await createUser({ kind: 'anonymous' });
    const body = { password: 'a good long secret' };
    expect((await call('PUT', `${users()}/${guest.id}/password`, { body })).status).toBe(409);
    expect((await call('PUT', `${users()}/${MISSING}/password`, { body })).status).toBe(404);
  });
});

describe('a username equal to the password', () => {
  it('is refused when the username is changed onto the stored password, in any case of a one-case password', async () => {
    const user = await createUser({ username: unique('renamed'), password: 'secret.passphrase' });
    for (const username of ['secret.passphrase', 'Secret.Passphrase', 'SECRET.PASSPHRASE']) {
      const response = await call('PATCH', `${users()}/${user.id}`, { body: { username } });
      expectInvalid(response, 'username');
      expect(response.body.detail).toContain('password');
    }
    expect(await eventCount(user.id, 'user.updated')).toBe(0);
    expect(expectStatus(await call('GET', `${users()}/${user.id}`), 200).body.username).toBe(user.username);
    const mixed = await createUser({ username: unique('renamed'), password: 'Mixed.Passphrase' });
    expectInvalid(
      await call('PATCH', `${users()}/${mixed.id}`, { body: { username: 'Mixed.Passphrase' } }),
      'username',
    );
  });

  it('does not stop other renames, nor users without a password', async () => {
    const user = await createUser({ username: unique('renamed'), password: 'secret.passphrase' });
    expectStatus(
      await call('PATCH', `${users()}/${user.id}`, { body: { username: unique('secret.passphrase') } }),
      200,
    );
    const passwordless = await createUser({ username: unique('nopw') });
    expectStatus(
      await call('PATCH', `${users()}/${passwordless.id}`, { body: { username: 'secret.passphrase' } }),
      200,
    );
  });
});

describe('listing users', () => {
  const NAMES = ['delta', 'Alpha', 'charlie', 'Echo', 'bravo', 'golf', 'Foxtrot', 'india', 'Hotel', 'juliet', 'Kilo'];
  let tenantId: string;
  let everyone: any[];
  beforeAll(async () => {
    tenantId = await freshTenant();
    for (const username of NAMES) await createUser({ username }, tenantId);
    for (let i = 0; i < 3; i += 1) await createUser({ kind: 'anonymous' }, tenantId);
    await t.db.query(
      `UPDATE end_users SET last_login_at = now() - (interval '1 hour' * (ascii(username) % 4))
       WHERE tenant_id = $1 AND ascii(lower(username)) % 3 = 0`,
      [tenantId],
    );
    everyone = await listAll(tenantId, '', 200);
  });

  it('sorts by username ignoring case by default', async () => {
    const named = everyone.filter((u) => u.username !== null).map((u) => u.username);
    expect(named).toEqual([...NAMES].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(ids(everyone)).toEqual(ids(await listAll(tenantId, 'sort=username', 200)));
  });

  it.each(SORTS)('pages through every user exactly once in the order of one big page (sort=%s)', async (sort) => {
    const big = await listAll(tenantId, `sort=${sort}`, 200);
    expect(big).toHaveLength(NAMES.length + 3);
    expect(ids(big)).toEqual(ids(expectedOrder(big, sort)));
    for (const limit of [1, 2, 5]) expect(ids(await listAll(tenantId, `sort=${sort}`, limit))).toEqual(ids(big));
  });

  it.each(SORTS)('pages through the users a search finds exactly once, in order (sort=%s)', async (sort) => {
    // The search path picks each page's ids first (an index-only scan), then builds those users.
    const found = everyone.filter((u) => u.username?.toLowerCase().includes('o'));
    const big = await listAll(tenantId, `sort=${sort}&search=O`, 200);
    expect(ids(big)).toEqual(ids(expectedOrder(found, sort)));
    for (const limit of [1, 2, 4])
      expect(ids(await listAll(tenantId, `sort=${sort}&search=O`, limit))).toEqual(ids(big));
  });

  it.each(SORTS)('stays stable and complete when sort values tie (sort=%s)', async (sort) => {
    const tied = await freshTenant();
    for (let i = 0; i < 7; i += 1) await createUser({ username: `tie${String.fromCharCode(97 + i)}` }, tied);
    for (let i = 0; i < 4; i += 1) await createUser({ kind: 'anonymous' }, tied);
    await t.db.query(`UPDATE end_users SET created_at = '2026-01-01T00:00:00Z' WHERE tenant_id = $1`, [tied]);
    await t.db.query(
      `UPDATE end_users SET last_login_at = '2026-02-01T00:00:00.123Z'
       WHERE tenant_id = $1 AND username IN ('tiea', 'tieb', 'tiec')`,
      [tied],
    );
    const big = await listAll(tied, `sort=${sort}`, 200);
    expect(big).toHaveLength(11);
    expect(ids(big)).toEqual(ids(expectedOrder(big, sort)));
    for (const limit of [1, 2, 3]) expect(ids(await listAll(tied, `sort=${sort}`, limit))).toEqual(ids(big));
  });

  it.each(['username', '-createdAt', 'createdAt'])(
    'lists every user that existed before paging exactly once while others are inserted (sort=%s)',
    async (sort) => {
      const busy = await freshTenant();
      const existing = [];
      for (let i = 0; i < 10; i += 1) existing.push(await createUser({ username: `m${i}` }, busy));
      let round = 0;
      const seen = await listAll(busy, `sort=${sort}`, 3, async () => {
        round += 1;
        await createUser({ username: `a-new-${round}` }, busy);
        await createUser({ username: `z-new-${round}` }, busy);
      });
      expect(new Set(ids(seen)).size).toBe(seen.length);
      for (const user of existing) expect(ids(seen).filter((id) => id === user.id)).toHaveLength(1);
    },
  );

  it('answers every user of a page exactly as reading it alone does (the page is JSON made by PostgreSQL)', async () => {
    const tag = unique('shape');
    const made = [
      await createUser({ username: `${tag}-plain` }),
      await createUser({
        username: `${tag}-full "quoted" \\ ünïcødé 😀`,
        name: 'Zoë O’Brien <b>&amp;</b>',
        email: `${tag}@example.com`,
        mobilePhone: '+41 (44) 555-01-23',
        externalId: 'ext/1?a=b',
        isActive: false,
      }),
    ];
    // A last login with milliseconds, and a user whose stored times sit just before midnight UTC.
    await t.db.query(
      `UPDATE end_users SET last_login_at = '2026-03-04T05:06:07.089Z', created_at = '2025-12-31T23:59:59.999Z'
        WHERE id = $1`,
      [made[1].id],
    );
    const page = expectStatus(await call('GET', `${users()}?search=${encodeURIComponent(tag)}&limit=200`), 200);
    expect(page.headers['content-type']).toMatch(/^application\/json/);
    expect(page.body.items).toHaveLength(made.length);
    for (const item of page.body.items) {
      expectUserShape(item);
      expect(item).toEqual(expectStatus(await call('GET', `${users()}/${item.id}`), 200).body);
    }
    const anonymous = await createUser({ kind: 'anonymous', externalId: `${tag}-guest` });
    const listed = expectStatus(await call('GET', `${users()}?kind=anonymous&limit=200`), 200).body.items;
    expect(listed.find((item: { id: string }) => item.id === anonymous.id)).toEqual(
      expectStatus(await call('GET', `${users()}/${anonymous.id}`), 200).body,
    );
  });

  it('adds total only with includeTotal=true', async () => {
    const without = await call('GET', `${users(tenantId)}?limit=2`);
    expect(without.body).not.toHaveProperty('total');
    expect(without.body.nextCursor).toEqual(expect.any(String));
    const withTotal = await call('GET', `${users(tenantId)}?limit=2&includeTotal=true`);
    expect(withTotal.body.total).toBe(NAMES.length + 3);
    expect(withTotal.body.items).toHaveLength(2);
    everyone.forEach(expectUserShape);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=abc', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    ['sort=name', 'sort'],
    ['isActive=yes', 'isActive'],
    ['kind=robot', 'kind'],
    ['groupId=not-a-uuid', 'groupId'],
    ['roleKey=1bad', 'roleKey'],
    ['color=blue', 'color'],
  ])('refuses ?%s with 400', async (query, field) => {
    expectInvalid(await call('GET', `${users(tenantId)}?${query}`), field);
  });

  it('refuses a forged cursor and a cursor of another sort with 400, not 500', async () => {
    const forged = Buffer.from('["x","not-a-uuid"]').toString('base64url');
    expectInvalid(await call('GET', `${users(tenantId)}?cursor=${forged}`), 'cursor');
    const { body } = await call('GET', `${users(tenantId)}?sort=username&limit=1`);
    expectInvalid(await call('GET', `${users(tenantId)}?sort=createdAt&cursor=${body.nextCursor}`), 'cursor');
    // Same value type, other direction: would silently return a wrong page if the cursor were not tied to its sort.
    expectInvalid(await call('GET', `${users(tenantId)}?sort=-username&cursor=${body.nextCursor}`), 'cursor');
    const { body: byTime } = await call('GET', `${users(tenantId)}?sort=createdAt&limit=1`);
    const [tag, , id] = JSON.parse(Buffer.from(byTime.nextCursor, 'base64url').toString('utf8'));
    const tampered = Buffer.from(JSON.stringify([tag, 'not-a-time', id])).toString('base64url');
    expectInvalid(await call('GET', `${users(tenantId)}?sort=createdAt&cursor=${tampered}`), 'cursor');
  });
});

describe('filtering users', () => {
  let tenantId: string;
  const by: Record<string, any> = {};
  let groupId: string;
  beforeAll(async () => {
    tenantId = await freshTenant();
    by.direct = await createUser({ username: 'Direct.Holder', email: 'dh@Example.com' }, tenantId);
    by.member = await createUser({ username: 'member', name: 'Mia MEMBER' }, tenantId);
    by.inactive = await createUser({ username: 'sleeper', isActive: false }, tenantId);
    by.percent = await createUser({ username: 'price-50%-off' }, tenantId);
    by.digits = await createUser({ username: 'price-500' }, tenantId);
    by.underscore = await createUser({ username: 'a_b' }, tenantId);
    by.plain = await createUser({ username: 'axb', name: 'Plain Example' }, tenantId);
    by.backslash = await createUser({ username: 'back\\slash' }, tenantId);
    by.guest = await createUser({ kind: 'anonymous' }, tenantId);
    groupId = (await call('POST', `/tenants/${tenantId}/groups`, { body: { name: 'G' } })).body.id;
    await call('PUT', `/tenants/${tenantId}/groups/${groupId}/members/${by.member.id}`);
    await call('PUT', `/tenants/${tenantId}/groups/${groupId}/roles/crm.read`);
    await call('PUT', `${users(tenantId)}/${by.direct.id}/roles/crm.read`);
  });

  const find = async (query: string) =>
    ids(expectStatus(await call('GET', `${users(tenantId)}?limit=200&${query}`), 200).body.items).sort();
  const idsOf = (...keys: string[]) => keys.map((key) => by[key].id).sort();

  it('filters by isActive and kind', async () => {
    expect(await find('isActive=false')).toEqual(idsOf('inactive'));
    expect(await find('isActive=true')).toEqual(
      idsOf('direct', 'member', 'percent', 'digits', 'underscore', 'plain', 'backslash', 'guest'),
    );
    expect(await find('kind=anonymous')).toEqual(idsOf('guest'));
    expect(await find('kind=registered&isActive=true')).toEqual(
      idsOf('direct', 'member', 'percent', 'digits', 'underscore', 'plain', 'backslash'),
    );
  });

  it('filters by group, answering 404 for a group of another tenant', async () => {
    expect(await find(`groupId=${groupId}`)).toEqual(idsOf('member'));
    const { body: foreign } = await call('POST', `/tenants/${w.otherTenantId}/groups`, {
      body: { name: unique('foreign') },
    });
    const response = await call('GET', `${users(tenantId)}?groupId=${foreign.id}`);
    expect(response.status).toBe(404);
    expect((await call('GET', `${users(tenantId)}?groupId=${MISSING}`)).status).toBe(404);
  });

  it('filters by role held directly or through a group, answering 404 for an unknown role', async () => {
    expect(await find('roleKey=crm.read')).toEqual(idsOf('direct', 'member'));
    expect(await find('roleKey=crm.read&isActive=false')).toEqual([]);
    const unknown = await call('GET', `${users(tenantId)}?roleKey=no.such.role`);
    expect(unknown.status).toBe(404);
  });

  it('searches username, name and email as case-insensitive substrings', async () => {
    expect(await find('search=DIRECT.h')).toEqual(idsOf('direct'));
    expect(await find('search=mia%20member')).toEqual(idsOf('member'));
    expect(await find('search=EXAMPLE')).toEqual(idsOf('direct', 'plain'));
    expect(await find('search=nobody-matches')).toEqual([]);
  });

  it('takes % and _ in a search literally', async () => {
    expect(await find(`search=${encodeURIComponent('50%')}`)).toEqual(idsOf('percent'));
    expect(await find('search=a_b')).toEqual(idsOf('underscore'));
    expect(await find('search=price')).toEqual(idsOf('percent', 'digits'));
    expect(await find(`search=${encodeURIComponent('k\\s')}`)).toEqual(idsOf('backslash'));
    expect(await find(`search=${encodeURIComponent('%')}`)).toEqual(idsOf('percent'));
  });

  it('combines a filter with includeTotal and paging', async () => {
    const { body } = await call('GET', `${users(tenantId)}?search=price&limit=1&includeTotal=true`);
    expect(body.total).toBe(2);
    // '%' sorts before '0'.
    expect(body.items.map((u: { username: string }) => u.username)).toEqual(['price-50%-off']);
    const next = await call('GET', `${users(tenantId)}?search=price&limit=1&cursor=${body.nextCursor}`);
    expect(next.body).toMatchObject({ items: [{ username: 'price-500' }], nextCursor: null });
  });
});

describe('tenant audit events', () => {
  let tenantId: string;
  let userId: string;
  const actor = () => w.operatorIds['tenant-admin'];
  beforeAll(async () => {
    tenantId = w.tenantId;
    const token = w.tokens['tenant-admin'];
    const user = await createUser({ username: unique('audited'), name: 'Before' }, tenantId, token);
    userId = user.id;
    const url = `${users(tenantId)}/${userId}`;
    await t.request('PATCH', url, { token, body: { name: 'After' } });
    await t.request('POST', `${url}/deactivate`, { token });
    await t.request('POST', `${url}/activate`, { token });
    await t.request('PUT', `${url}/password`, { token, body: { password: 'a good long secret' } });
    await t.request('DELETE', url, { token });
  });

  it('records every user change with the operator as actor, before and after, newest first', async () => {
    const events = await auditEvents(`targetId=${userId}`, tenantId, w.tokens['tenant-admin']);
    expect(events.map((e: { action: string }) => e.action).join(' ')).toBe(
      'user.deleted user.password.changed user.activated user.deactivated user.updated user.created',
    );
    for (const event of events) {
      expect(event).toMatchObject({ actorType: 'operator', actorId: actor(), targetType: 'user', tenantId });
    }
    const [deleted, , activated, deactivated, updated, created] = events;
    expect(created).toMatchObject({ before: null, after: { id: userId, name: 'Before', kind: 'registered' } });
    expect(updated).toMatchObject({ before: { name: 'Before' }, after: { name: 'After' } });
    expect(deactivated).toMatchObject({ before: { isActive: true }, after: { isActive: false } });
    expect(activated).toMatchObject({ before: { isActive: false }, after: { isActive: true } });
    expect(deleted).toMatchObject({ before: { id: userId, name: 'After' }, after: null });
    const times = events.map((e: { at: string }) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(ids(events)).toEqual(ids(events).sort().reverse());
  });

  it('records an API key as the actor when a key makes the change', async () => {
    const user = await createUser({ username: unique('keyed') }, tenantId, w.keys['tenant-admin']);
    const [event] = await auditEvents(`targetId=${user.id}`, tenantId);
    expect(event).toMatchObject({ action: 'user.created', actorType: 'api-key', actorId: expect.any(String) });
    expect(event.actorId).not.toBe(actor());
  });

  it('filters by actor, by exact action and by action prefix', async () => {
    const byActor = await auditEvents(`actorId=${actor()}`, tenantId);
    expect(byActor.length).toBeGreaterThanOrEqual(6);
    expect(byActor.every((e: { actorId: string }) => e.actorId === actor())).toBe(true);
    const other = await auditEvents(`actorId=${w.operatorIds.billing}`, tenantId);
    expect(other).toEqual([]);
    const exact = await auditEvents('action=user.password.changed', tenantId);
    expect(exact.length).toBeGreaterThan(0);
    expect(exact.every((e: { action: string }) => e.action === 'user.password.changed')).toBe(true);
    expect(await auditEvents('action=user', tenantId)).toEqual([]);
    const prefixed = await auditEvents(`action=user.&targetId=${userId}`, tenantId);
    expect(prefixed).toHaveLength(6);
    const groups = await auditEvents('action=group.', tenantId);
    expect(groups.every((e: { action: string }) => e.action.startsWith('group.'))).toBe(true);
  });

  it('filters by time: from is inclusive, to is exclusive', async () => {
    const [newest] = await auditEvents(`targetId=${userId}`, tenantId);
    const at = encodeURIComponent(newest.at);
    const from = await auditEvents(`targetId=${userId}&from=${at}`, tenantId);
    expect(ids(from)).toContain(newest.id);
    expect(from.every((e: { at: string }) => e.at >= newest.at)).toBe(true);
    const to = await auditEvents(`targetId=${userId}&to=${at}`, tenantId);
    expect(ids(to)).not.toContain(newest.id);
    expect(to.every((e: { at: string }) => e.at < newest.at)).toBe(true);
    expect(from.length + to.length).toBe(6);
    expect(await auditEvents('from=2999-01-01T00:00:00Z', tenantId)).toEqual([]);
    const bad = await call('GET', `/tenants/${tenantId}/audit-events?from=yesterday`);
    expectInvalid(bad, 'from');
  });

  it('pages newest first with a cursor', async () => {
    const all = await auditEvents('', tenantId);
    const { body: first } = await call('GET', `/tenants/${tenantId}/audit-events?limit=2&includeTotal=true`);
    expect(first.total).toBe(all.length);
    const { body: second } = await call('GET', `/tenants/${tenantId}/audit-events?limit=2&cursor=${first.nextCursor}`);
    expect(ids([...first.items, ...second.items])).toEqual(ids(all.slice(0, 4)));
    const forged = Buffer.from('["x","not-a-uuid"]').toString('base64url');
    const bad = await call('GET', `/tenants/${tenantId}/audit-events?cursor=${forged}`);
    expectInvalid(bad, 'cursor');
  });

  it('never shows events of another tenant', async () => {
    const foreign = await createUser({ username: unique('elsewhere') }, w.otherTenantId);
    expect(await auditEvents(`targetId=${foreign.id}`, tenantId)).toEqual([]);
    const all = await auditEvents('', tenantId);
    expect(all.every((e: { tenantId: string }) => e.tenantId === tenantId)).toBe(true);
    const there = await auditEvents(`targetId=${foreign.id}`, w.otherTenantId);
    expect(there.map((e: { action: string }) => e.action)).toEqual(['user.created']);
  });

  it('lets a tenant-admin read their tenant, and answers 404 for another tenant', async () => {
    for (const token of [w.tokens['tenant-admin'], w.keys['tenant-admin']]) {
      expect((await t.request('GET', `/tenants/${w.tenantId}/audit-events`, { token })).status).toBe(200);
      expect((await t.request('GET', `/tenants/${w.otherTenantId}/audit-events`, { token })).status).toBe(404);
    }
  });
});
