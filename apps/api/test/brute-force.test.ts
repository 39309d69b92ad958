/**
 * Brute-force protection (API.md §6): every block threshold (pair, address, username ceiling) and its expiry,
 * the sliding 60-minute window, unblocking, resets, parallel guessing, server faults, and operator logins. Time moves with the injectable Clock, never
 * by sleeping; each test uses client addresses of its own so per-IP counters never meet.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Clock } from '../src/common/clock.js';
import { LoginLimiter } from '../src/login-protection/login-limiter.js';
import { UsernameHasher } from '../src/login-protection/username-hash.js';
import { expectStatus, type Response, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

const PASSWORD = 'end-user passphrase';
const WRONG = 'not the passphrase';

let t: TestApp;
let w: AccountWorld;
let now: number;

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  const clock = t.app.get(Clock);
  clock.now = () => new Date(now);
}, 60_000);
afterAll(async () => t?.close());
// Each test starts from the real time, frozen until the test moves it.
beforeEach(() => {
  now = Date.now();
});

/** Moves the app's clock forward. */
const advance = (seconds: number) => {
  now += seconds * 1000;
};

let ipCount = 0;
/** A client address no other test uses. */
const freshIp = () => {
  ipCount += 1;
  return `10.30.${Math.floor(ipCount / 250)}.${(ipCount % 250) + 1}`;
};

const admin = (method: string, url: string, body?: unknown) => t.request(method, url, { token: w.tokens.admin, body });

async function createUser(tenantId = w.tenantId) {
  const body = { username: unique('guarded'), password: PASSWORD };
  return expectStatus(await admin('POST', `/tenants/${tenantId}/users`, body), 201).body as {
    id: string;
    username: string;
  };
}

const login = (username: string, password: string, ip: string, tenantId = w.tenantId): Promise<Response> =>
  t.request('POST', `/tenants/${tenantId}/auth/login`, { body: { username, password }, remoteAddress: ip });

/** Fails `times` logins with a wrong password, each answered 401. */
async function fail(username: string, ip: string, times: number) {
  for (let i = 0; i < times; i += 1) expect((await login(username, WRONG, ip)).status).toBe(401);
}

/** 429 with Retry-After `seconds`, as problem+json. */
function expectBlocked(response: Response, seconds: number) {
  expect({ status: response.status, retryAfter: response.headers['retry-after'] }).toEqual({
    status: 429,
    retryAfter: String(seconds),
  });
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body).toMatchObject({ status: 429, title: 'Too many requests' });
}

/** Fails one login per fresh unknown username from `ip`. */
async function failFromIp(ip: string, times: number) {
  for (let i = 0; i < times; i += 1) expect((await login(unique('guess'), WRONG, ip)).status).toBe(401);
}

async function resultsOf(userId: string): Promise<string[]> {
  const { body } = expectStatus(
    await admin('GET', `/tenants/${w.tenantId}/users/${userId}/login-attempts?limit=200`),
    200,
  );
  return body.items.map((attempt: { result: string }) => attempt.result);
}

async function resultCountsFor(column: 'user_id' | 'ip', value: string): Promise<Record<string, number>> {
  const { rows } = await t.db.query(
    `SELECT result, count(*)::int AS n FROM login_attempts WHERE ${column} = $1 GROUP BY result`,
    [value],
  );
  return Object.fromEntries(rows.map((row: { result: string; n: number }) => [row.result, row.n]));
}

describe('per (username, address) pair', () => {
  it('blocks the fourth attempt from that address for 30 seconds after three failures, even with the correct password', async () => {
    const user = await createUser();
    const ip = freshIp();
    await fail(user.username, ip, 3);

    expectBlocked(await login(user.username, WRONG, ip), 30);
    expectBlocked(await login(user.username, PASSWORD, ip), 30);
    expect(await resultsOf(user.id)).toEqual([
      'blocked-user',
      'blocked-user',
      'invalid-password',
      'invalid-password',
      'invalid-password',
    ]);
  });

  it('lets the real user in from another address while a stranger’s guesses block the stranger for 30 minutes', async () => {
    const user = await createUser();
    const [stranger, home] = [freshIp(), freshIp()];
    await fail(user.username, stranger, 3);
    for (let failure = 4; failure <= 6; failure += 1) {
      advance(30);
      await fail(user.username, stranger, 1);
    }
    expectBlocked(await login(user.username, PASSWORD, stranger), 1800);

    expectStatus(await login(user.username, PASSWORD, home), 200);
    // The real user's success resets the real user's pair only: the stranger stays blocked.
    expectBlocked(await login(user.username, PASSWORD, stranger), 1800);
  });

  it('counts Retry-After down as time passes and lets the user in once 30 seconds are up', async () => {
    const user = await createUser();
    const ip = freshIp();
    await fail(user.username, ip, 3);

    advance(10);
    expectBlocked(await login(user.username, PASSWORD, ip), 20);
    advance(19.5);
    expectBlocked(await login(user.username, PASSWORD, ip), 1);
    advance(0.5);
    expectStatus(await login(user.username, PASSWORD, ip), 200);
  });

  it('blocks again for 30 seconds after a further failure once a block is over', async () => {
    const user = await createUser();
    const ip = freshIp();
    await fail(user.username, ip, 3);
    advance(30);
    await fail(user.username, ip, 1);
    expectBlocked(await login(user.username, PASSWORD, ip), 30);
  });

  it('blocks for 1800 seconds after six failures, counted from the last one', async () => {
    const user = await createUser();
    const ip = freshIp();
    await fail(user.username, ip, 3);
    for (let failure = 4; failure <= 6; failure += 1) {
      advance(30);
      await fail(user.username, ip, 1);
    }

    expectBlocked(await login(user.username, PASSWORD, ip), 1800);
    advance(600);
    expectBlocked(await login(user.username, PASSWORD, ip), 1200);
    advance(1199);
    expectBlocked(await login(user.username, PASSWORD, ip), 1);
    advance(1);
    expectStatus(await login(user.username, PASSWORD, ip), 200);
  });

  it('counts failures only within the last 60 minutes', async () => {
    const recent = await createUser();
    const old = await createUser();
    const ip = freshIp();
    await fail(recent.username, ip, 2);
    await fail(old.username, ip, 2);

    advance(59 * 60);
    await fail(recent.username, ip, 1);
    expectBlocked(await login(recent.username, PASSWORD, ip), 30);

    advance(2 * 60); // the first two failures of `old` are now 61 minutes old
    await fail(old.username, ip, 1);
    expectStatus(await login(old.username, PASSWORD, ip), 200);
  });

  it('starts counting afresh after a successful login', async () => {
    const user = await createUser();
    const ip = freshIp();
    await fail(user.username, ip, 2);
    expectStatus(await login(user.username, PASSWORD, ip), 200);
    await fail(user.username, ip, 2);
    expectStatus(await login(user.username, PASSWORD, ip), 200);
  });

  it('counts a username the same whatever its case', async () => {
    const user = await createUser();
    const ip = freshIp();
    await fail(user.username, ip, 1);
    await fail(user.username.toUpperCase(), ip, 1);
    await fail(` ${user.username} `, ip, 1);
    expectBlocked(await login(user.username, PASSWORD, ip), 30);
  });

  it('counts every spelling with one normal form (NFKC, full case fold) as one username', async () => {
    const ip = freshIp();
    const name = unique('straße');
    // Case folding makes ß and SS one name, NFKC full-width letters and ligatures their plain forms.
    await fail(name.toUpperCase(), ip, 1); // STRASSE-…
    await fail(name.replace('straße', 'ｓｔｒａｓｓｅ'), ip, 1);
    await fail(name.replace('straße', 'Strasse'), ip, 1);
    expectBlocked(await login(name, WRONG, ip), 30);
    expect(t.app.get(UsernameHasher).hash(name)).toBe(t.app.get(UsernameHasher).hash(name.toUpperCase()));
  });

  it('keeps the counters of each tenant apart', async () => {
    const user = await createUser();
    const twin = expectStatus(
      await admin('POST', `/tenants/${w.otherTenantId}/users`, { username: user.username, password: PASSWORD }),
      201,
    ).body;
    const ip = freshIp();
    await fail(user.username, ip, 3);
    expectBlocked(await login(user.username, PASSWORD, ip), 30);
    const other = expectStatus(await login(user.username, PASSWORD, ip, w.otherTenantId), 200);
    expect(other.body.user.id).toBe(twin.id);
  });
});

describe('unblocking a user', () => {
  it('lifts the username’s blocks from every address at once and records user.unblocked', async () => {
    const user = await createUser();
    const ip = freshIp();
    const other = freshIp();
    await fail(user.username, ip, 3);
    await fail(user.username.toUpperCase(), other, 3);
    expectBlocked(await login(user.username, PASSWORD, ip), 30);
    expectBlocked(await login(user.username, PASSWORD, other), 30);

    const unblocked = await t.request('POST', `/tenants/${w.tenantId}/users/${user.id}/unblock`, {
      token: w.tokens['tenant-admin'],
    });
    expect(unblocked.status).toBe(204);
    expect(unblocked.body).toBeUndefined();
    expectStatus(await login(user.username, PASSWORD, ip), 200);
    expectStatus(await login(user.username, PASSWORD, other), 200);

    const { body } = expectStatus(
      await admin('GET', `/tenants/${w.tenantId}/audit-events?targetId=${user.id}&action=user.unblocked`),
      200,
    );
    expect(body.items).toEqual([
      expect.objectContaining({
        action: 'user.unblocked',
        targetType: 'user',
        targetId: user.id,
        actorType: 'operator',
        actorId: w.operatorIds['tenant-admin'],
      }),
    ]);
  });

  it('leaves a block of the client address in place', async () => {
    const user = await createUser();
    const ip = freshIp();
    await failFromIp(ip, 20);
    expectBlocked(await login(user.username, PASSWORD, ip), 300);

    expectStatus(await admin('POST', `/tenants/${w.tenantId}/users/${user.id}/unblock`), 204);
    expectBlocked(await login(user.username, PASSWORD, ip), 300);
    expectStatus(await login(user.username, PASSWORD, freshIp()), 200);
  });

  it('answers 404 for a user of another tenant or no user at all', async () => {
    const stranger = await createUser(w.otherTenantId);
    for (const userId of [stranger.id, '00000000-0000-7000-8000-000000000000']) {
      expect((await admin('POST', `/tenants/${w.tenantId}/users/${userId}/unblock`)).status).toBe(404);
    }
  });
});

describe('per client address', () => {
  it('blocks an address for 300 seconds after 20 failures across usernames, and no other address', async () => {
    const user = await createUser();
    const [crowded, elsewhere] = [freshIp(), freshIp()];
    await failFromIp(crowded, 19);
    await fail(user.username, crowded, 1);

    const guess = unique('guess');
    expectBlocked(await login(guess, WRONG, crowded), 300);
    expectBlocked(await login(user.username, PASSWORD, crowded), 300);
    expect(await resultsOf(user.id)).toEqual(['blocked-ip', 'invalid-password']);
    expect(await resultCountsFor('ip', crowded)).toEqual({
      'invalid-user': 19,
      'invalid-password': 1,
      'blocked-ip': 2,
    });
    const { rows } = await t.db.query(
      `SELECT result, user_id FROM login_attempts WHERE username_hash = decode($1, 'hex')`,
      [t.app.get(UsernameHasher).hash(guess)],
    );
    expect(rows).toEqual([{ result: 'blocked-ip', user_id: null }]);

    expect((await login(unique('guess'), WRONG, elsewhere)).status).toBe(401);
    expectStatus(await login(user.username, PASSWORD, elsewhere), 200);
    // The address is blocked in this tenant only.
    expect((await login(unique('guess'), WRONG, crowded, w.otherTenantId)).status).toBe(401);

    advance(100);
    expectBlocked(await login(user.username, PASSWORD, crowded), 200);
    // That refused attempt counted against the address too: a client ignoring Retry-After stays blocked.
    advance(200);
    expectBlocked(await login(user.username, PASSWORD, crowded), 100);
    advance(300);
    expectStatus(await login(user.username, PASSWORD, crowded), 200);
  });

  it('blocks for 3600 seconds once an address that keeps trying while blocked reaches 50 failures', async () => {
    const ip = freshIp();
    await failFromIp(ip, 20);
    // Each refused attempt counts against the address and restarts its 300-second block.
    for (let i = 0; i < 29; i += 1) {
      advance(10);
      expectBlocked(await login(unique('guess'), WRONG, ip), 290);
    }
    advance(10);
    expectBlocked(await login(unique('guess'), WRONG, ip), 290); // the 50th failure
    expectBlocked(await login(unique('guess'), WRONG, ip), 3600);
    // Quiet for an hour: every failure has left the window.
    advance(3600);
    expect((await login(unique('guess'), WRONG, ip)).status).toBe(401);
  });

  it('does not count attempts refused for a blocked pair against that pair', async () => {
    const user = await createUser();
    const ip = freshIp();
    await fail(user.username, ip, 3);
    for (let i = 0; i < 5; i += 1) expectBlocked(await login(user.username, WRONG, ip), 30);
    advance(30);
    // Still three failures, not eight: the next failure blocks for 30 seconds, not 1800.
    expect((await login(user.username, WRONG, ip)).status).toBe(401);
    expectBlocked(await login(user.username, PASSWORD, ip), 30);
  });

  it('takes the address from the connection, whatever X-Forwarded-For says, by default', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i += 1) {
      const response = await t.request('POST', `/tenants/${w.tenantId}/auth/login`, {
        body: { username: unique('guess'), password: WRONG },
        remoteAddress: ip,
        headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
      });
      expect(response.status).toBe(401);
    }
    expectBlocked(await login(unique('guess'), WRONG, ip), 300);
  });
});

describe('per username across addresses (the ceiling)', () => {
  it('holds a username back for 30 seconds from every address once 100 failures come from many addresses', async () => {
    const user = await createUser();
    // 33 addresses, three failures each (each pair is then blocked): 99 failures, below the ceiling.
    for (let address = 0; address < 33; address += 1) await fail(user.username, freshIp(), 3);
    expectStatus(await login(user.username, PASSWORD, freshIp()), 200);

    await fail(user.username, freshIp(), 1); // the 100th
    const refused = await login(user.username, PASSWORD, freshIp());
    expectBlocked(refused, 30);
    advance(30);
    expectStatus(await login(user.username, PASSWORD, freshIp()), 200);
    expect((await resultsOf(user.id)).slice(0, 3)).toEqual(['logged-in', 'throttled-user', 'invalid-password']);
  });

  it('does not count a refusal by the ceiling against the address it came from', async () => {
    const user = await createUser();
    for (let address = 0; address < 33; address += 1) await fail(user.username, freshIp(), 3);
    await fail(user.username, freshIp(), 1);
    const home = freshIp();
    for (let i = 0; i < 25; i += 1) expectBlocked(await login(user.username, PASSWORD, home), 30);
    advance(30);
    // Twenty refusals would have blocked the address for 300 s had they counted.
    expectStatus(await login(user.username, PASSWORD, home), 200);
  });
});

describe('parallel guessing', () => {
  it('lets exactly 3 of 50 parallel wrong passwords for one username from one address through', async () => {
    const user = await createUser();
    const ip = freshIp();
    const responses = await Promise.all(Array.from({ length: 50 }, () => login(user.username, WRONG, ip)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(47);
    // The refusals count against the address: after 3 failures and 17 refusals it is blocked, at 50 for an hour.
    expect(await resultCountsFor('user_id', user.id)).toEqual({
      'invalid-password': 3,
      'blocked-user': 17,
      'blocked-ip': 30,
    });
    expectBlocked(await login(user.username, PASSWORD, ip), 3600);
    expectStatus(await login(user.username, PASSWORD, freshIp()), 200);
  });

  it('lets exactly 20 of 50 parallel guesses from one address through', async () => {
    const ip = freshIp();
    const responses = await Promise.all(Array.from({ length: 50 }, () => login(unique('guess'), WRONG, ip)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(30);
    for (const response of responses.filter((r) => r.status === 429)) expectBlocked(response, 300);
    expect(await resultCountsFor('ip', ip)).toEqual({ 'invalid-user': 20, 'blocked-ip': 30 });
  });
});

describe('parallel logins that succeed', () => {
  it('lets 40 parallel logins of different users from one address all in, and leaves the address unblocked', async () => {
    const users = await Promise.all(Array.from({ length: 40 }, () => createUser()));
    const ip = freshIp();
    const responses = await Promise.all(users.map((user) => login(user.username, PASSWORD, ip)));
    expect(responses.map((response) => response.status)).toEqual(users.map(() => 200));
    // Nothing of the 40 counts against the address: it still has all its 20 failures before the block.
    await failFromIp(ip, 20);
    expectBlocked(await login(users[0]!.username, PASSWORD, ip), 300);
  });

  it('lets 6 parallel logins of one user all in', async () => {
    const user = await createUser();
    const responses = await Promise.all(Array.from({ length: 6 }, () => login(user.username, PASSWORD, freshIp())));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await resultsOf(user.id)).toEqual(Array.from({ length: 6 }, () => 'logged-in'));
  });

  it('counts attempts left unfinished (their API process died) as failures once a minute has passed', async () => {
    const limiter = t.app.get(LoginLimiter);
    const ip = freshIp();
    for (let i = 0; i < 20; i += 1) {
      expect((await limiter.reserve({ tenantId: w.tenantId }, unique('vanished'), ip)).allowed).toBe(true);
    }
    advance(61);
    expectBlocked(await login(unique('guess'), WRONG, ip), 239);
  });
});

describe('server faults', () => {
  /** Runs `during` with a table the login reads renamed away, so every query of it fails. */
  async function withoutTable(table: string, during: () => Promise<void>) {
    await t.db.query(`ALTER TABLE ${table} RENAME TO ${table}_away`);
    try {
      await during();
    } finally {
      await t.db.query(`ALTER TABLE ${table}_away RENAME TO ${table}`);
    }
  }

  function expectUnavailable(response: Response) {
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.detail).toMatch(/not counted as a failed login; try again shortly/);
  }

  it('answers 503 for an end-user login the database cannot decide, and does not count it', async () => {
    const user = await createUser();
    const ip = freshIp();
    await withoutTable('end_users', async () => {
      for (let i = 0; i < 8; i += 1) expectUnavailable(await login(user.username, PASSWORD, ip));
    });
    // Eight faults counted as nothing: neither the pair (3) nor, later, the address is any closer to a block.
    expectStatus(await login(user.username, PASSWORD, ip), 200);
    await fail(user.username, ip, 2);
    expectStatus(await login(user.username, PASSWORD, ip), 200);
  });

  it('answers 503, uncounted, when the right password cannot be recorded as a login', async () => {
    const user = await createUser();
    const ip = freshIp();
    await withoutTable('login_attempts', async () => {
      for (let i = 0; i < 4; i += 1) expectUnavailable(await login(user.username, PASSWORD, ip));
    });
    await fail(user.username, ip, 2);
    expectStatus(await login(user.username, PASSWORD, ip), 200);
  });

  it('answers 503 for an operator login the database cannot decide, and does not count it', async () => {
    const username = unique('operator');
    expectStatus(
      await t.request('POST', `/accounts/${w.accountId}/operators`, {
        token: t.adminToken,
        body: { username, password: PASSWORD, role: 'admin' },
      }),
      201,
    );
    const ip = freshIp();
    const operatorLogin = (password: string) =>
      t.request('POST', '/auth/login', { body: { username, password }, remoteAddress: ip });
    await withoutTable('operators', async () => {
      for (let i = 0; i < 6; i += 1) expectUnavailable(await operatorLogin(PASSWORD));
    });
    expectStatus(await operatorLogin(PASSWORD), 200);
  });
});

describe('the tenant’s login blocks', () => {
  interface Block {
    id: string;
    kind: string;
    address: string | null;
    userId: string | null;
    username: string | null;
    until: string;
  }
  const blocksOf = async (tenantId = w.tenantId): Promise<Block[]> =>
    expectStatus(await admin('GET', `/tenants/${tenantId}/login-blocks`), 200).body.items;
  const statusOf = async (userId: string) =>
    expectStatus(await admin('GET', `/tenants/${w.tenantId}/users/${userId}/login-block`), 200).body;

  it('lists blocked addresses and (username, address) pairs with their end, and lifts one at a time', async () => {
    const user = await createUser();
    const [pairIp, crowded] = [freshIp(), freshIp()];
    const ghost = unique('ghost');
    await fail(user.username, pairIp, 3);
    await fail(ghost, pairIp, 3);
    await failFromIp(crowded, 20);

    const blocks = await blocksOf();
    const end = (seconds: number) => new Date(now + seconds * 1000).toISOString();
    expect(blocks).toEqual(
      expect.arrayContaining([
        {
          id: expect.any(String),
          kind: 'user-address',
          address: pairIp,
          userId: user.id,
          username: user.username,
          until: end(30),
        },
        { id: expect.any(String), kind: 'user-address', address: pairIp, userId: null, username: null, until: end(30) },
        { id: expect.any(String), kind: 'address', address: crowded, userId: null, username: null, until: end(300) },
      ]),
    );
    // The typed name of an unknown user is nowhere in the answer.
    expect(JSON.stringify(blocks)).not.toContain(ghost);
    expect(await blocksOf(w.otherTenantId)).toEqual([]);

    const pair = blocks.find((block) => block.userId === user.id)!;
    const address = blocks.find((block) => block.address === crowded)!;
    // Another tenant's path does not reach this tenant's block.
    expect((await admin('DELETE', `/tenants/${w.otherTenantId}/login-blocks/${pair.id}`)).status).toBe(404);

    const lifted = await t.request('DELETE', `/tenants/${w.tenantId}/login-blocks/${pair.id}`, {
      token: w.tokens['tenant-admin'],
    });
    expect(lifted.status).toBe(204);
    expectStatus(await login(user.username, PASSWORD, pairIp), 200);
    expectBlocked(await login(ghost, WRONG, pairIp), 30);

    expectBlocked(await login(user.username, PASSWORD, crowded), 300);
    expect((await admin('DELETE', `/tenants/${w.tenantId}/login-blocks/${address.id}`)).status).toBe(204);
    expectStatus(await login(user.username, PASSWORD, crowded), 200);

    const again = await admin('DELETE', `/tenants/${w.tenantId}/login-blocks/${address.id}`);
    expect(again.status).toBe(404);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect((await admin('DELETE', `/tenants/${w.tenantId}/login-blocks/not-a-block`)).status).toBe(404);
    const remaining = (await blocksOf()).map((block) => block.id);
    expect(remaining).not.toContain(pair.id);
    expect(remaining).not.toContain(address.id);

    const { body } = expectStatus(
      await admin('GET', `/tenants/${w.tenantId}/audit-events?targetId=${user.id}&action=login-block.lifted`),
      200,
    );
    expect(body.items).toHaveLength(1);
  });

  it('pages through the blocks soonest to end first, like every list', async () => {
    const tenant = expectStatus(
      await admin('POST', `/environments/${w.environmentId}/tenants`, { name: unique('paged') }),
      201,
    ).body;
    const addresses = [freshIp(), freshIp(), freshIp()];
    for (const ip of addresses) {
      for (let i = 0; i < 3; i += 1) expect((await login('same name', WRONG, ip, tenant.id)).status).toBe(401);
      advance(1); // each block ends a second after the one before
    }
    const list = (query: string) => admin('GET', `/tenants/${tenant.id}/login-blocks${query}`);
    const first = expectStatus(await list('?limit=2&includeTotal=true'), 200).body;
    expect(first.items.map((block: Block) => block.address)).toEqual(addresses.slice(0, 2));
    expect(first.total).toBe(3);
    const second = expectStatus(await list(`?limit=2&cursor=${first.nextCursor}`), 200).body;
    expect(second).toEqual({ items: [expect.objectContaining({ address: addresses[2] })], nextCursor: null });
    const bad = await list('?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'cursor', message: 'is not a valid cursor' }]);
  });

  it('shows whether a user is blocked now, from where and until when', async () => {
    const user = await createUser();
    const ip = freshIp();
    expect(await statusOf(user.id)).toEqual({ blocked: false, until: null, blocks: [] });

    await fail(user.username, ip, 3);
    const blocked = await statusOf(user.id);
    expect(blocked).toMatchObject({ blocked: true, until: new Date(now + 30_000).toISOString() });
    expect(blocked.blocks).toEqual([expect.objectContaining({ kind: 'user-address', address: ip, userId: user.id })]);

    advance(30);
    expect(await statusOf(user.id)).toEqual({ blocked: false, until: null, blocks: [] });
    await fail(user.username, ip, 1);
    expect((await statusOf(user.id)).blocked).toBe(true);
    expectStatus(await admin('POST', `/tenants/${w.tenantId}/users/${user.id}/unblock`), 204);
    expect(await statusOf(user.id)).toEqual({ blocked: false, until: null, blocks: [] });
    const stranger = await createUser(w.otherTenantId);
    expect((await admin('GET', `/tenants/${w.tenantId}/users/${stranger.id}/login-block`)).status).toBe(404);
  });
});

describe('typed usernames', () => {
  it('keeps neither the text of an unknown username nor a known one in the attempts or the counters', async () => {
    const user = await createUser();
    const typed = unique('my-secret-password');
    const ip = freshIp();
    await fail(typed, ip, 3);
    await fail(user.username, ip, 1);
    const { rows } = await t.db.query(
      `SELECT user_id, username, encode(username_hash, 'hex') AS hash FROM login_attempts WHERE ip = $1 ORDER BY id`,
      [ip],
    );
    const hasher = t.app.get(UsernameHasher);
    expect(rows).toEqual([
      ...Array.from({ length: 3 }, () => ({ user_id: null, username: null, hash: hasher.hash(typed) })),
      { user_id: user.id, username: null, hash: hasher.hash(user.username) },
    ]);
    const { rows: anywhere } = await t.db.query(
      `SELECT count(*)::int AS n FROM login_attempts WHERE row_to_json(login_attempts)::text LIKE $1`,
      [`%${typed}%`],
    );
    expect(anywhere).toEqual([{ n: 0 }]);
    const redis = t.app.get(LoginLimiter)['redis'] as import('ioredis').Redis;
    const keys = await redis.keys(`${t.config.queuePrefix}:login:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((key) => key.includes(typed) || key.includes(user.username))).toEqual([]);
    const blocks = await redis.zrange(`${t.config.queuePrefix}:login:{tenant:${w.tenantId}}:blocks`, '0', '-1');
    expect(blocks.filter((member) => member.includes(typed))).toEqual([]);
  });
});

describe('operator logins', () => {
  const operatorLogin = (username: string, password: string, ip: string) =>
    t.request('POST', '/auth/login', { body: { username, password }, remoteAddress: ip });

  it('block an operator for 30 seconds from that address after three wrong passwords, the correct one included', async () => {
    const username = unique('operator');
    expectStatus(
      await t.request('POST', `/accounts/${w.accountId}/operators`, {
        token: t.adminToken,
        body: { username, password: PASSWORD, role: 'admin' },
      }),
      201,
    );
    const ip = freshIp();
    for (let i = 0; i < 3; i += 1) expect((await operatorLogin(username, WRONG, ip)).status).toBe(401);

    expectBlocked(await operatorLogin(username, WRONG, ip), 30);
    expectBlocked(await operatorLogin(username, PASSWORD, ip), 30);
    expectBlocked(await operatorLogin(username.toUpperCase(), PASSWORD, ip), 30);
    // Only that address: the operator signs in from elsewhere.
    expectStatus(await operatorLogin(username, PASSWORD, freshIp()), 200);
    advance(29);
    expectBlocked(await operatorLogin(username, PASSWORD, ip), 1);
    advance(1);
    const { body } = expectStatus(await operatorLogin(username, PASSWORD, ip), 200);
    expect(body.token).toEqual(expect.any(String));
  });

  it('block an address for 300 seconds after 20 failed operator logins', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i += 1) expect((await operatorLogin(unique('nobody'), WRONG, ip)).status).toBe(401);
    expectBlocked(await operatorLogin(unique('nobody'), WRONG, ip), 300);
    // Operators and a tenant's end users are counted apart.
    expect((await login(unique('guess'), WRONG, ip)).status).toBe(401);
  });
});
