/**
 * User imports end to end (issue 18, API.md §10): the real API and the real worker in one process, on one database
 * and queue prefix. Uploads go through the API; the worker reads, checks and applies them; every assertion reads
 * the API or the database as it is afterwards.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { ImportStaging } from '@roster/db';
import type { RecordedChange } from '@roster/domain';
import { createWorkerContext } from '@roster/worker/factory';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectStatus, pollUntil, startTestApp, type TestApp } from './harness.js';
import { IMPORTED_HASHES, IMPORTED_HASHES_PASSWORD } from './legacy-hashes.js';
import { type AccountWorld, createAccountWorld } from './world.js';
import { workerConfigFor } from './worker-config.js';

/** Rows per apply batch in this file: small, so a file of a few rows takes several batches. */
const BATCH = 3;

let t: TestApp;
let w: AccountWorld;
let worker: INestApplicationContext | undefined;

interface Upload {
  tenantId?: string;
  dryRun?: boolean;
  type?: string;
  token?: string;
}

function upload(body: string, options: Upload = {}) {
  const { tenantId = w.tenantId, dryRun = true, type = 'text/csv', token = w.tokens.admin } = options;
  return t.request('POST', `/tenants/${tenantId}/imports?dryRun=${dryRun}`, {
    token,
    body,
    headers: { 'content-type': type },
  });
}

function getImport(importId: string, tenantId = w.tenantId, token = w.tokens.admin) {
  return t.request('GET', `/tenants/${tenantId}/imports/${importId}`, { token });
}

/** Waits until the import is in one of `states` (and fails the test naming its state if it never is). */
async function settled(importId: string, states: string[], tenantId = w.tenantId) {
  return pollUntil(
    `import ${importId} in ${states.join('/')}`,
    async () => expectStatus(await getImport(importId, tenantId), 200).body,
    (body) => states.includes(body.state),
  );
}

/** Uploads and waits for the dry run (or the whole import, with dryRun false) to settle. */
async function run(body: string, options: Upload = {}) {
  const { importId } = expectStatus(await upload(body, options), 202).body;
  return settled(importId, ['validated', 'completed', 'failed', 'cancelled'], options.tenantId);
}

async function apply(importId: string, tenantId = w.tenantId) {
  expectStatus(
    await t.request('POST', `/tenants/${tenantId}/imports/${importId}/apply`, { token: w.tokens.admin }),
    202,
  );
  return settled(importId, ['completed', 'failed', 'cancelled'], tenantId);
}

const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query(sql, params)).rows[0].n);
const users = (tenantId = w.tenantId) => count('SELECT count(*) AS n FROM end_users WHERE tenant_id = $1', [tenantId]);
const auditRows = (tenantId = w.tenantId) =>
  count('SELECT count(*) AS n FROM audit_events WHERE tenant_id = $1', [tenantId]);

async function userByName(username: string, tenantId = w.tenantId) {
  const { rows } = await t.db.query(
    `SELECT id, username, name, email, external_id, is_active, kind, password_hash FROM end_users
      WHERE tenant_id = $1 AND username_key = lower($2)`,
    [tenantId, username],
  );
  return rows[0];
}

async function createUser(body: Record<string, unknown>) {
  return expectStatus(await t.request('POST', `/tenants/${w.tenantId}/users`, { token: w.tokens.admin, body }), 201)
    .body.id as string;
}

/** Licensed users of the tenant by class, as the users list counts them. */
async function classCounts() {
  const counted = async (licenseClass: string) =>
    expectStatus(
      await t.request('GET', `/tenants/${w.tenantId}/users?licenseClass=${licenseClass}&includeTotal=true&limit=1`, {
        token: w.tokens.admin,
      }),
      200,
    ).body.total as number;
  return { internal: await counted('internal'), external: await counted('external') };
}

/** The tenant's newest change (its ids are time-ordered; usage snapshots, with derived ids, are no tenant's). */
async function tenantChangeMark(): Promise<string> {
  const { rows } = await t.db.query("SELECT max(id::text) AS id FROM outbox_events WHERE event->>'tenantId' = $1", [
    w.tenantId,
  ]);
  return rows[0].id ?? '00000000-0000-0000-0000-000000000000';
}

/** The tenant's changes after `mark`, oldest first, each with its audit row saying the same (action, actor, target). */
async function tenantChangesSince(mark: string): Promise<RecordedChange[]> {
  const { rows } = await t.db.query<{ event: RecordedChange }>(
    "SELECT event FROM outbox_events WHERE event->>'tenantId' = $1 AND id > $2 ORDER BY id",
    [w.tenantId, mark],
  );
  const changes = rows.map((row) => row.event);
  const audit = await t.db.query(
    'SELECT id, action, actor_type, actor_id, target_id FROM audit_events WHERE id = ANY($1) ORDER BY id',
    [changes.map((change) => change.id)],
  );
  expect(audit.rows).toEqual(
    changes.map((change) => ({
      id: change.id,
      action: change.type,
      actor_type: change.actor.kind,
      actor_id: change.actor.id,
      target_id: change.subject.id,
    })),
  );
  return changes;
}

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  worker = await createWorkerContext(workerConfigFor(t), { redisConnectTimeoutMs: 5_000, importBatchRows: BATCH });
  const admin = { token: w.tokens.admin };
  for (const name of ['Sales', 'Support']) {
    expectStatus(await t.request('POST', `/tenants/${w.tenantId}/groups`, { ...admin, body: { name } }), 201);
  }
  expectStatus(
    await t.request('PUT', `/environments/${w.environmentId}/applications/crm`, {
      ...admin,
      body: {
        name: 'CRM',
        roles: [
          { key: 'crm.admin', name: 'Administrator' },
          { key: 'crm.viewer', name: 'Viewer' },
        ],
      },
    }),
    201,
  );
  // acme.com is internal: addresses elsewhere are external (DESIGN.md §3).
  expectStatus(
    await t.request('PUT', `/tenants/${w.tenantId}/internal-domains`, { ...admin, body: { domains: ['acme.com'] } }),
    200,
  );
  await createUser({ username: 'existing', email: 'taken@acme.com' });
}, 90_000);

afterAll(async () => {
  await worker?.close();
  await t?.close();
});

afterEach(() => vi.restoreAllMocks());

describe('a dry run', () => {
  it('reports every kind of error with its line and column, and writes nothing', async () => {
    const [usersBefore, auditBefore] = [await users(), await auditRows()];
    const csv = [
      'username,name,email,isActive,passwordHash,groups,roles',
      'good,Good One,good@acme.com,true,,Sales,crm.viewer', // 2: fine
      'hid\u200Bden,,,,,,', // 3: an invisible character
      'p\u0430ypal,,,,,,', // 4: Latin with a Cyrillic а
      'bademail,,not-an-address,,,,', // 5
      'dup,,dup1@acme.com,,,,', // 6
      'DUP,,dup2@acme.com,,,,', // 7: the same username as line 6
      'e1,,same@acme.com,,,,', // 8
      'e2,,SAME@acme.com,,,,', // 9: the same address as line 8
      't1,,Taken@acme.com,,,,', // 10: another user's address
      'g1,,,,,Nope;Sales,', // 11: no such group
      'r1,,,,,,crm.nope', // 12: no such role
      'a1,,,maybe,,,', // 13
      'h1,,,,plaintext,,', // 14
      `long,${'x'.repeat(201)},,,,,`, // 15
      'q1,"Bad "quote" here",,,,,', // 16: text after a closing quote
    ].join('\n');
    const report = await run(csv);
    expect(report).toMatchObject({
      state: 'validated',
      dryRun: true,
      format: 'csv',
      total: 15,
      // good, dup and e1: the first of each pair is fine.
      created: 3,
      updated: 0,
      unchanged: 0,
      failed: 12,
      licenseEffect: { internal: 3, external: 0 },
      batches: { applied: 0, total: 1 },
      errorsTruncated: false,
    });
    const at = (line: number) => report.errors.filter((error: { line: number }) => error.line === line);
    expect(at(3)).toEqual([{ line: 3, field: 'username', message: expect.stringContaining('invisible') }]);
    expect(at(4)).toEqual([{ line: 4, field: 'username', message: expect.stringMatching(/mix letters of .*scripts/) }]);
    expect(at(5)).toEqual([{ line: 5, field: 'email', message: 'must be a valid email address' }]);
    expect(at(6)).toEqual([]);
    expect(at(7)).toEqual([
      { line: 7, field: 'username', message: 'is the same username as line 6 (once normalized)' },
    ]);
    expect(at(9)).toEqual([{ line: 9, field: 'email', message: 'is the same address as line 8 (ignoring case)' }]);
    expect(at(10)).toEqual([
      { line: 10, field: 'email', message: 'is already the address of another user of this tenant' },
    ]);
    expect(at(11)).toEqual([{ line: 11, field: 'groups', message: 'has “Nope”, which is no group of this tenant' }]);
    expect(at(12)).toEqual([
      { line: 12, field: 'roles', message: 'has “crm.nope”, which is no active role of this tenant’s environment' },
    ]);
    expect(at(13)).toEqual([{ line: 13, field: 'isActive', message: 'must be true or false (or 1/0, yes/no)' }]);
    expect(at(14)).toEqual([
      { line: 14, field: 'passwordHash', message: expect.stringContaining('not a password hash') },
    ]);
    expect(at(15)).toEqual([{ line: 15, field: 'name', message: 'must be at most 200 characters' }]);
    expect(at(16)).toEqual([{ line: 16, field: 'name', message: expect.stringContaining('after the closing quote') }]);
    expect(report.errors.map((error: { line: number }) => error.line)).toEqual([
      3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 15, 16,
    ]);
    expect([await users(), await auditRows()]).toEqual([usersBefore, auditBefore]);

    const download = expectStatus(
      await t.request('GET', `/tenants/${w.tenantId}/imports/${report.id}/errors?format=csv`, {
        token: w.tokens.admin,
      }),
      200,
    );
    expect(download.headers['content-type']).toMatch(/^text\/csv/);
    const lines = (download.body as string).trim().split('\r\n');
    expect(lines[0]).toBe('line,field,message');
    expect(lines).toHaveLength(1 + report.errors.length);
    expect(lines[1]).toMatch(/^3,username,/);
  });

  it('refuses a plain password column at once, saying why', async () => {
    const response = expectStatus(await upload('username,password\nada,secret123\n'), 400);
    expect(response.body.detail).toMatch(/line 1: .*plain `password` column.*argon2id takes hours/);
    expect(response.body.errors).toEqual([{ field: 'password', message: expect.stringContaining('passwordHash') }]);
  });

  it('refuses an unknown column at line 1, naming it and the known ones; an empty file; a wrong content type', async () => {
    const unknown = expectStatus(await upload('username,nickname\nada,A\n'), 400);
    expect(unknown.body.detail).toMatch(/line 1: .*“nickname”.*username, name, email, mobilePhone, externalId/);
    expect(unknown.body.errors).toEqual([{ field: 'nickname', message: expect.any(String) }]);
    expect(expectStatus(await upload(''), 400).body.detail).toMatch(/empty/);
    expect(expectStatus(await upload('username\n'), 400).body.detail).toMatch(/no users/);
    const xml = expectStatus(await upload('<users/>', { type: 'application/xml' }), 415);
    expect(xml.headers['content-type']).toMatch(/problem\+json/);
    const json = expectStatus(
      await t.request('POST', `/tenants/${w.tenantId}/imports`, { token: w.tokens.admin, body: { username: 'a' } }),
      415,
    );
    expect(json.body.detail).toMatch(/text\/csv.*application\/x-ndjson/);
    expect(expectStatus(await upload('username\na\n', { type: 'text/csv; charset=latin1' }), 415).body.detail).toMatch(
      /UTF-8/,
    );
    // Other routes still take JSON only.
    const elsewhere = await t.request('POST', `/tenants/${w.tenantId}/users`, {
      token: w.tokens.admin,
      body: 'username\nada\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(elsewhere.status).toBe(415);
    expect(
      await t.db.query('SELECT 1 FROM user_imports WHERE tenant_id = $1 AND state = $2', [w.tenantId, 'queued']),
    ).toMatchObject({ rowCount: 0 });
  });

  it('reads JSON Lines: a line that is no JSON object is an error of its line; an unknown key refuses the file', async () => {
    const jsonl = [
      '{"username":"jl1","email":"jl1@acme.com","isActive":false,"groups":["Support"]}',
      '[1,2]',
      '{"username":',
      '{"Username":"jl2","id":"ignored","roles":"crm.viewer"}',
    ].join('\n');
    const report = await run(jsonl, { type: 'application/x-ndjson' });
    expect(report).toMatchObject({ state: 'validated', format: 'jsonl', total: 4, created: 2, failed: 2 });
    expect(report.errors).toEqual([
      { line: 2, field: null, message: expect.stringContaining('is not a JSON object') },
      { line: 3, field: null, message: expect.stringContaining('is not valid JSON') },
    ]);
    // In the first megabyte: refused at once.
    const early = expectStatus(
      await upload('{"username":"a"}\n{"username":"b","nickname":"x"}\n', { type: 'application/x-ndjson' }),
      400,
    );
    expect(early.body.detail).toMatch(/line 2: .*“nickname”/);
    // Further on: the worker refuses the file, having staged nothing.
    const lines = Array.from({ length: 50_000 }, (_, i) => `{"username":"bulk-${i}"}`);
    const refused = await run([...lines, '{"username":"late","nickname":"x"}'].join('\n'), {
      type: 'application/x-ndjson',
    });
    expect(refused).toMatchObject({ state: 'failed', failure: expect.stringMatching(/line 50001 .*“nickname”/) });
    expect(refused.errors).toEqual([
      { line: 50_001, field: 'nickname', message: expect.stringContaining('“nickname”') },
    ]);
    expect(await count('SELECT count(*) AS n FROM user_import_rows WHERE import_id = $1', [refused.id])).toBe(0);
  });
});

describe('applying', () => {
  const file = [
    'username,name,email,isActive,externalId,groups,roles',
    'alice,Alice,alice@acme.com,true,,,', // unchanged
    'bob,Bob B.,bob@gmail.com,,,,', // updated: name, and internal → external
    'carol-renamed,Carol,carol@acme.com,,ext-carol,,', // matched by externalId: renamed
    'new1,,new1@acme.com,,,Sales,', // created, internal
    'new2,,new2@gmail.com,,,,crm.viewer', // created, external
    'new3,,new3@gmail.com,no,,,', // created, inactive
    'dave,,,,,Support,', // updated: joins a group only
    'bad,,bad@,,,,', // failed
  ].join('\n');

  it('does what the dry run predicted, and a second import of the same file changes nothing', async () => {
    await createUser({ username: 'alice', name: 'Alice', email: 'alice@acme.com' });
    await createUser({ username: 'bob', name: 'Bob', email: 'bob@acme.com' });
    await createUser({ username: 'carol', name: 'Carol', email: 'carol@acme.com', externalId: 'ext-carol' });
    await createUser({ username: 'dave' });
    const classesBefore = await classCounts();
    const usersBefore = await users();

    const dryRun = await run(file);
    const prediction = {
      total: 8,
      created: 3,
      updated: 3,
      unchanged: 1,
      failed: 1,
      // new1 (+1 internal), new2 (+1 external), bob (internal → external); new3 is inactive.
      licenseEffect: { internal: 0, external: 2 },
      batches: { applied: 0, total: 2 },
    };
    expect(dryRun).toMatchObject({ state: 'validated', ...prediction });
    expect(dryRun.errors).toEqual([{ line: 9, field: 'email', message: 'must be a valid email address' }]);
    expect(await users()).toBe(usersBefore);

    const done = await apply(dryRun.id);
    expect(done).toMatchObject({
      ...prediction,
      state: 'completed',
      processed: 8,
      batches: { applied: 2, total: 2 },
      finishedAt: expect.any(String),
    });
    expect(await users()).toBe(usersBefore + 3);
    const classesAfter = await classCounts();
    expect({
      internal: classesAfter.internal - classesBefore.internal,
      external: classesAfter.external - classesBefore.external,
    }).toEqual(done.licenseEffect);
    expect(await userByName('bob')).toMatchObject({ name: 'Bob B.', email: 'bob@gmail.com', is_active: true });
    expect(await userByName('carol-renamed')).toMatchObject({ external_id: 'ext-carol', name: 'Carol' });
    expect(await userByName('carol')).toBeUndefined();
    expect(await userByName('new3')).toMatchObject({ is_active: false, kind: 'registered' });
    const dave = await userByName('dave');
    const groups = expectStatus(
      await t.request('GET', `/tenants/${w.tenantId}/users/${dave.id}/groups`, { token: w.tokens.admin }),
      200,
    ).body;
    expect(groups.items.map((group: { name: string }) => group.name)).toEqual(['Support']);

    // Again: everything is as the file says already.
    const auditBefore = await auditRows();
    const again = await run(file, { dryRun: false });
    expect(again).toMatchObject({ state: 'completed', created: 0, updated: 0, unchanged: 7, failed: 1 });
    expect(again.licenseEffect).toEqual({ internal: 0, external: 0 });
    expect(await auditRows()).toBe(auditBefore);
    expect(await users()).toBe(usersBefore + 3);
  });

  it('adds groups and roles by name and key; imported bcrypt and PBKDF2 hashes log in and are rehashed', async () => {
    const csv = [
      'username,passwordHash,groups,roles',
      `hash-bcrypt,${IMPORTED_HASHES['bcrypt ($2b$)']},Sales;support,crm.viewer;crm.admin`,
      `hash-django,${IMPORTED_HASHES['PBKDF2-SHA256 (Django)']},,`,
      `hash-passlib,${IMPORTED_HASHES['PBKDF2-SHA256 (passlib)']},,`,
    ].join('\n');
    const done = await run(csv, { dryRun: false });
    expect(done).toMatchObject({ state: 'completed', created: 3, failed: 0 });
    const bcrypt = await userByName('hash-bcrypt');
    const roles = expectStatus(
      await t.request('GET', `/tenants/${w.tenantId}/users/${bcrypt.id}/roles`, { token: w.tokens.admin }),
      200,
    ).body;
    expect(roles.items.map((role: { key: string; sources: unknown[] }) => [role.key, role.sources])).toEqual([
      ['crm.admin', [{ type: 'direct' }]],
      ['crm.viewer', [{ type: 'direct' }]],
    ]);
    const groups = expectStatus(
      await t.request('GET', `/tenants/${w.tenantId}/users/${bcrypt.id}/groups`, { token: w.tokens.admin }),
      200,
    ).body;
    expect(groups.items.map((group: { name: string }) => group.name)).toEqual(['Sales', 'Support']);
    for (const username of ['hash-bcrypt', 'hash-django', 'hash-passlib']) {
      const login = await t.request('POST', `/tenants/${w.tenantId}/auth/login`, {
        body: { username, password: IMPORTED_HASHES_PASSWORD },
      });
      expect(login.status, username).toBe(200);
      await pollUntil(
        `${username} rehashed`,
        async () => (await userByName(username)).password_hash as string,
        (hash) => hash.startsWith('$argon2id$'),
        5_000,
      );
    }
  });

  it('grants again a role whose grant expired but is not removed yet: predicted as an update, held without expiry', async () => {
    const userId = await createUser({ username: 'expired-grant' });
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    expectStatus(
      await t.request('PUT', `/tenants/${w.tenantId}/users/${userId}/roles/crm.viewer`, {
        token: w.tokens.admin,
        body: { expiresAt: soon },
      }),
      204,
    );
    await t.db.query(`UPDATE user_roles SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [userId]);
    const csv = ['username,roles', 'expired-grant,crm.viewer'].join('\n');

    const dryRun = await run(csv);
    expect(dryRun).toMatchObject({ state: 'validated', updated: 1, unchanged: 0, failed: 0 });
    expect(await apply(dryRun.id)).toMatchObject({ state: 'completed', updated: 1 });
    const { rows } = await t.db.query('SELECT expires_at FROM user_roles WHERE user_id = $1', [userId]);
    expect(rows).toEqual([{ expires_at: null }]);
  });

  it('records each change with the importing operator or API key as actor, in the audit trail and the outbox', async () => {
    const mark = await tenantChangeMark();
    await run('username,groups,roles\nby-key,Sales,crm.viewer\n', { dryRun: false, token: w.keys.admin });
    await run('username\nby-operator\n', { dryRun: false, token: w.tokens.admin });
    const changes = await tenantChangesSince(mark);
    const { rows } = await t.db.query('SELECT id FROM api_keys WHERE account_id = $1 AND name = $2', [
      w.accountId,
      'admin key',
    ]);
    const byKey = (await userByName('by-key')).id;
    const byOperator = (await userByName('by-operator')).id;
    expect(changes.map((change) => [change.type, change.subject.id, change.actor])).toEqual([
      ['user.created', byKey, { kind: 'api-key', id: rows[0].id }],
      ['group.member.added', byKey, { kind: 'api-key', id: rows[0].id }],
      ['user.role.granted', byKey, { kind: 'api-key', id: rows[0].id }],
      ['user.created', byOperator, { kind: 'operator', id: w.operatorIds.admin }],
    ]);
    expect(changes[0]).toMatchObject({
      tenantId: w.tenantId,
      after: { id: byKey, username: 'by-key', licenseClass: 'internal', isActive: true },
    });
  });
});

describe('a round trip', () => {
  it('imports an export back as it is: export → import → export gives the same file', async () => {
    expectStatus(
      await t.request('POST', `/tenants/${w.tenantId}/groups`, {
        token: w.tokens.admin,
        body: { name: 'R&D; Ops\\1' },
      }),
      201,
    );
    await run('username,name,groups,roles\nround-trip,"Round, Trip",R&D\\; Ops\\\\1;Sales,crm.admin\n', {
      dryRun: false,
    });
    await createUser({ kind: 'anonymous' });
    const exportCsv = async () =>
      expectStatus(
        await t.request('GET', `/tenants/${w.tenantId}/users/export?format=csv`, { token: w.tokens.admin }),
        200,
      ).body as string;
    const before = await exportCsv();
    expect(before).toContain('R&D\\; Ops\\\\1;Sales');
    const auditBefore = await auditRows();
    const again = await run(before, { dryRun: false });
    // Every registered user is as the file says; the anonymous ones are reported, and left alone.
    expect(again).toMatchObject({ state: 'completed', created: 0, updated: 0 });
    expect(again.errors.every((error: { field: string }) => error.field === 'kind')).toBe(true);
    expect(again.failed).toBe(again.errors.length);
    expect(await auditRows()).toBe(auditBefore);
    expect(await exportCsv()).toBe(before);
  });
});

describe('a worker that stops mid-apply', () => {
  const rows = (prefix: string, n: number) =>
    ['username', ...Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`)].join('\n');

  it('resumes after the last committed batch, writing no row twice', async () => {
    const original = ImportStaging.prototype.applyBatch;
    let calls = 0;
    vi.spyOn(ImportStaging.prototype, 'applyBatch').mockImplementation(async function (
      this: ImportStaging,
      ...args: Parameters<ImportStaging['applyBatch']>
    ) {
      const batch = await original.apply(this, args);
      calls += 1;
      // The second batch is written, then the process "dies" before its commit: the attempt fails.
      if (calls === 2) throw new Error('simulated crash before the second batch committed');
      return batch;
    });
    const usersBefore = await users();
    const done = await run(rows('resume', 8), { dryRun: false });
    expect(done).toMatchObject({ state: 'completed', created: 8, batches: { applied: 3, total: 3 } });
    // Two attempts: batches 1 and 2 (2 rolled back), then 2 again, 3, and the call that finds nothing left.
    expect(calls).toBe(5);
    expect(await users()).toBe(usersBefore + 8);
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_events a JOIN end_users u ON u.id = a.target_id
          WHERE a.action = 'user.created' AND u.username LIKE 'resume-%'`,
      ),
    ).toBe(8);
  });

  it('stops between batches when cancelled: applied batches stay, and say so', async () => {
    const original = ImportStaging.prototype.applyBatch;
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reached!: () => void;
    const secondBatch = new Promise<void>((resolve) => {
      reached = resolve;
    });
    vi.spyOn(ImportStaging.prototype, 'applyBatch').mockImplementation(async function (
      this: ImportStaging,
      ...args: Parameters<ImportStaging['applyBatch']>
    ) {
      const batch = await original.apply(this, args);
      calls += 1;
      if (calls === 2) {
        reached();
        await gate;
      }
      return batch;
    });
    const usersBefore = await users();
    const { importId } = expectStatus(await upload(rows('cancel', 9), { dryRun: false }), 202).body;
    await secondBatch;
    // The cancel waits for the batch holding the import; the worker then finds it cancelled.
    const cancelling = t.request('POST', `/tenants/${w.tenantId}/imports/${importId}/cancel`, {
      token: w.tokens.admin,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    const cancelled = expectStatus(await cancelling, 200).body;
    expect(cancelled).toMatchObject({
      state: 'cancelled',
      batches: { applied: 2, total: 3 },
      finishedAt: expect.any(String),
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(calls).toBe(2);
    expect(await users()).toBe(usersBefore + 6);
    expect((await getImport(importId)).body).toMatchObject({ state: 'cancelled', batches: { applied: 2 } });

    const again = expectStatus(
      await t.request('POST', `/tenants/${w.tenantId}/imports/${importId}/cancel`, { token: w.tokens.admin }),
      409,
    );
    expect(again.body.detail).toMatch(/cancelled/);
    const reapply = expectStatus(
      await t.request('POST', `/tenants/${w.tenantId}/imports/${importId}/apply`, { token: w.tokens.admin }),
      409,
    );
    expect(reapply.body.detail).toMatch(/The import is cancelled/);
  });
});

describe('access', () => {
  it('keeps imports to their tenant (another tenant’s id is a 404) and to tenant managers', async () => {
    const mine = await run('username\niso-1\n');
    expect(mine.state).toBe('validated');
    // Under another tenant's path: not found, for reads and writes alike.
    for (const [method, suffix] of [
      ['GET', ''],
      ['GET', '/errors'],
      ['POST', '/apply'],
      ['POST', '/cancel'],
    ] as const) {
      const response = await t.request(method, `/tenants/${w.otherTenantId}/imports/${mine.id}${suffix}`, {
        token: w.tokens.admin,
      });
      expect(response.status, `${method} ${suffix}`).toBe(404);
    }
    expect((await getImport('00000000-0000-7000-8000-000000000000')).status).toBe(404);
    // The tenant-admin manages the tenant, not the other one; billing manages no users.
    expect((await getImport(mine.id, w.tenantId, w.tokens['tenant-admin'])).status).toBe(200);
    expect((await upload('username\nx\n', { tenantId: w.otherTenantId, token: w.tokens['tenant-admin'] })).status).toBe(
      404,
    );
    expect((await upload('username\nx\n', { token: w.tokens.billing })).status).toBe(403);
    expect((await getImport(mine.id, w.tenantId, w.tokens.billing)).status).toBe(403);

    const list = expectStatus(
      await t.request('GET', `/tenants/${w.tenantId}/imports?limit=2&includeTotal=true`, { token: w.tokens.admin }),
      200,
    ).body;
    expect(list.items[0]).toMatchObject({ id: mine.id, state: 'validated' });
    expect(list.items[0].errors).toBeUndefined();
    expect(list.items).toHaveLength(2);
    expect(list.total).toBeGreaterThan(2);
    const next = expectStatus(
      await t.request('GET', `/tenants/${w.tenantId}/imports?limit=2&cursor=${list.nextCursor}`, {
        token: w.tokens.admin,
      }),
      200,
    ).body;
    expect(next.items[0].id < list.items[1].id).toBe(true);
    const others = expectStatus(
      await t.request('GET', `/tenants/${w.otherTenantId}/imports`, { token: w.tokens.admin }),
      200,
    ).body;
    expect(others.items).toEqual([]);

    // Applied once; then a 409 that names the state.
    expect((await apply(mine.id)).state).toBe('completed');
    const twice = expectStatus(
      await t.request('POST', `/tenants/${w.tenantId}/imports/${mine.id}/apply`, { token: w.tokens.admin }),
      409,
    );
    expect(twice.body.detail).toBe('The import is completed: it is being or was applied already.');
  });
});
