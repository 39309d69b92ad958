/**
 * Exporting a tenant's users (API.md §10): the CSV and JSON Lines files (fields, quoting, multi-valued cells, formula
 * protection, and a reader that gets every value back), the list's filters and sort, tenant isolation and access,
 * errors before the first byte, and the stream itself: constant memory on 20,000 users, backpressure, a client that
 * goes away handing its database connection back, and the limit on exports at once.
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { USER_EXPORT_COLUMNS } from '@roster/db';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFileName, MAX_RUNNING_EXPORTS } from '../src/user-export/user-export.service.js';
import { expectStatus, startTestApp, type TestApp, unique } from './harness.js';
import { type AccountWorld, createAccountWorld } from './world.js';

let t: TestApp;
let w: AccountWorld;
const call = (method: string, url: string, options: { token?: string; body?: unknown } = {}) =>
  t.request(method, url, { token: w.tokens.admin, ...options });
const exportUrl = (query = '', tenantId = w.tenantId) => `/tenants/${tenantId}/users/export${query ? `?${query}` : ''}`;
const today = () => new Date().toISOString().slice(0, 10);

type Exported = Record<(typeof USER_EXPORT_COLUMNS)[number], unknown>;

// ---------------------------------------------------------------------------------------------------------------
// A reader of the CSV as the endpoint's description specifies it: what an import does to get the values back.

interface Field {
  text: string;
  quoted: boolean;
}

/** RFC 4180 records (CRLF ends), each field with whether it was quoted; refuses anything else. */
function parseCsv(text: string): Field[][] {
  const records: Field[][] = [];
  let record: Field[] = [];
  let i = 0;
  while (i < text.length) {
    let field: Field;
    if (text[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) throw new Error('an unterminated quoted field');
        value += text.slice(i, quote);
        i = quote + 1;
        if (text[i] !== '"') break;
        value += '"';
        i += 1;
      }
      field = { text: value, quoted: true };
    } else {
      const end = /[,\r]/.exec(text.slice(i));
      const value = end ? text.slice(i, i + end.index) : text.slice(i);
      if (/["\n]/.test(value)) throw new Error(`a bare quote or line break in an unquoted field: ${value}`);
      field = { text: value, quoted: false };
      i += value.length;
    }
    record.push(field);
    if (text[i] === ',') {
      i += 1;
    } else if (text.startsWith('\r\n', i)) {
      i += 2;
      records.push(record);
      record = [];
    } else {
      throw new Error(`expected a comma or CRLF at ${i}`);
    }
  }
  if (record.length > 0) throw new Error('the last record has no CRLF');
  return records;
}

/** A text field's value: empty and unquoted is null; the formula-protection `'` comes off. */
function textValue(field: Field): string | null {
  if (!field.quoted) {
    expect(field.text, 'a text field is quoted unless it is empty').toBe('');
    return null;
  }
  return field.text.startsWith("'") ? field.text.slice(1) : field.text;
}

/** A multi-valued field's values: split on the `;` no backslash escapes, then `\x` → `x`. */
function values(field: Field): string[] {
  const text = textValue(field);
  if (text === null) return [];
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '\\') {
      current += text[i + 1];
      i += 1;
    } else if (text[i] === ';') {
      items.push(current);
      current = '';
    } else {
      current += text[i];
    }
  }
  items.push(current);
  return items;
}

const TEXT_COLUMNS = new Set(['username', 'name', 'email', 'mobilePhone', 'externalId']);

/** The CSV's users, every value as the JSON Lines give it. */
function readCsv(text: string): Exported[] {
  const [header, ...records] = parseCsv(text);
  expect(header!.map((field) => field.text)).toEqual([...USER_EXPORT_COLUMNS]);
  return records.map((record) => {
    expect(record).toHaveLength(USER_EXPORT_COLUMNS.length);
    const user = {} as Exported;
    USER_EXPORT_COLUMNS.forEach((column, index) => {
      const field = record[index]!;
      if (TEXT_COLUMNS.has(column)) user[column] = textValue(field);
      else if (column === 'groups' || column === 'roles') user[column] = values(field);
      else if (column === 'isActive') user[column] = field.text === 'true';
      else user[column] = field.text === '' ? null : field.text;
    });
    return user;
  });
}

const readJsonl = (text: string): Exported[] => {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const user = JSON.parse(line) as Exported;
      expect(Object.keys(user)).toEqual([...USER_EXPORT_COLUMNS]);
      return user;
    });
};

/** The export's answer as text, whatever its type (the harness would parse JSON Lines as one JSON document). */
async function exportRequest(query = '', tenantId = w.tenantId, token: string | null = w.tokens.admin) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/v1${exportUrl(query, tenantId)}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.statusCode, text: response.body, headers: response.headers };
}

async function exportText(query = '', tenantId = w.tenantId, token = w.tokens.admin) {
  const response = await exportRequest(query, tenantId, token);
  if (response.status !== 200) throw new Error(`expected HTTP 200, got ${response.status}: ${response.text}`);
  return response;
}

async function exportedIds(query: string): Promise<string[]> {
  const { text } = await exportText(query);
  return readCsv(text).map((user) => user.id as string);
}

/** Every id the list gives for `query`, page after page, in its order. */
async function listedIds(query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/tenants/${w.tenantId}/users?limit=200&${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const { body } = expectStatus(await call('GET', url), 200);
    ids.push(...body.items.map((user: { id: string }) => user.id));
    cursor = body.nextCursor;
  } while (cursor);
  return ids;
}

// ---------------------------------------------------------------------------------------------------------------

const people: Record<string, { id: string }> = {};
const groups: Record<string, { id: string; name: string }> = {};

async function createUser(body: Record<string, unknown>, tenantId = w.tenantId) {
  return expectStatus(await call('POST', `/tenants/${tenantId}/users`, { body }), 201).body;
}

async function createGroup(name: string, tenantId = w.tenantId) {
  return expectStatus(await call('POST', `/tenants/${tenantId}/groups`, { body: { name } }), 201).body;
}

beforeAll(async () => {
  t = await startTestApp();
  w = await createAccountWorld(t);
  expectStatus(
    await call('PUT', `/environments/${w.environmentId}/applications/crm`, {
      body: {
        name: 'CRM',
        roles: [
          { key: 'crm.read', name: 'Read' },
          { key: 'crm.write', name: 'Write' },
          { key: 'crm.admin', name: 'Admin' },
        ],
      },
    }),
    201,
  );
  expectStatus(
    await call('PUT', `/tenants/${w.tenantId}/internal-domains`, { body: { domains: ['example.com'] } }),
    200,
  );

  people.alice = await createUser({
    username: 'alice',
    name: 'Alice "Al" Smith, Jr.',
    email: 'alice@example.com',
    mobilePhone: '+1 (555) 123-4567',
    externalId: 'ext;1\\a',
  });
  people.formula = await createUser({ username: 'formula', name: '=HYPERLINK("http://x","y")', email: 'f@mail.test' });
  people.quote = await createUser({ username: 'quote', name: "'already quoted", externalId: '-42' });
  people.jozef = await createUser({ username: 'józef', name: 'Józef 山田 Ærøskøbing', email: 'jozef@example.com' });
  people.anonymous = await createUser({ kind: 'anonymous' });
  people.inactive = await createUser({ username: 'inactive', email: 'gone@example.com', isActive: false });
  people.member = await createUser({ username: 'member', name: 'Member Only' });
  // What no API call accepts but stored text may hold (an older release, a direct fix): every line break and tab.
  await t.db.query(`UPDATE end_users SET name = $2 WHERE id = $1`, [
    people.member!.id,
    'Line one\nLine two\r\n\tand a tab, a "quote"; done',
  ]);

  groups.rd = await createGroup('R&D; Ops');
  groups.slash = await createGroup('Back\\slash');
  groups.sales = await createGroup('Sales');
  groups.unicode = await createGroup('Zürich Ärzte 部門');
  groups.formula = await createGroup('+Plus group');
  for (const group of [groups.rd, groups.slash, groups.sales, groups.unicode]) {
    expectStatus(await call('PUT', `/tenants/${w.tenantId}/groups/${group!.id}/members/${people.alice!.id}`), 204);
  }
  expectStatus(
    await call('PUT', `/tenants/${w.tenantId}/groups/${groups.formula!.id}/members/${people.jozef!.id}`),
    204,
  );
  expectStatus(
    await call('PUT', `/tenants/${w.tenantId}/groups/${groups.sales!.id}/members/${people.member!.id}`),
    204,
  );
  // Held through a group only: not a direct grant, so not in `roles`.
  expectStatus(await call('PUT', `/tenants/${w.tenantId}/groups/${groups.sales!.id}/roles/crm.admin`), 204);
  for (const key of ['crm.write', 'crm.read']) {
    expectStatus(await call('PUT', `/tenants/${w.tenantId}/users/${people.alice!.id}/roles/${key}`), 204);
  }
  expectStatus(await call('PUT', `/tenants/${w.tenantId}/users/${people.inactive!.id}/roles/crm.read`), 204);
  // A grant past its expiry that the worker's job has not removed yet: no longer held, so not exported.
  const soon = new Date(Date.now() + 3_600_000).toISOString();
  expectStatus(
    await call('PUT', `/tenants/${w.tenantId}/users/${people.member!.id}/roles/crm.write`, {
      body: { expiresAt: soon },
    }),
    204,
  );
  await t.db.query(`UPDATE user_roles SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [
    people.member!.id,
  ]);

  // The other tenant's users look like this tenant's: none may leak into its export.
  await createUser({ username: 'alice', name: 'Other Alice', email: 'alice@example.com' }, w.otherTenantId);
  const otherGroup = await createGroup('R&D; Ops', w.otherTenantId);
  groups.other = otherGroup;
}, 120_000);
afterAll(async () => t?.close());

/** The users of the tenant as the list gives them, with their groups and direct roles: what an export must hold. */
async function expectedUsers(): Promise<Exported[]> {
  const { body } = expectStatus(await call('GET', `/tenants/${w.tenantId}/users?limit=200`), 200);
  const groupsOf = new Map<string, string[]>([
    [people.alice!.id, ['Back\\slash', 'R&D; Ops', 'Sales', 'Zürich Ärzte 部門']],
    [people.jozef!.id, ['+Plus group']],
    [people.member!.id, ['Sales']],
  ]);
  const rolesOf = new Map<string, string[]>([
    [people.alice!.id, ['crm.read', 'crm.write']],
    [people.inactive!.id, ['crm.read']],
  ]);
  return body.items.map(({ tenantId: _tenantId, ...user }: Record<string, unknown>) => {
    const exported = {} as Exported;
    const all: Record<string, unknown> = {
      ...user,
      groups: groupsOf.get(user.id as string) ?? [],
      roles: rolesOf.get(user.id as string) ?? [],
    };
    for (const column of USER_EXPORT_COLUMNS) exported[column] = all[column];
    return exported;
  });
}

describe('the CSV', () => {
  it('is an attachment named after the tenant and the day, in UTF-8, with a header row', async () => {
    const { text, headers } = await exportText();
    expect(headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(headers['content-disposition']).toBe(`attachment; filename="users-tenant-one-${today()}.csv"`);
    expect(headers['cache-control']).toBe('private, no-store');
    expect(text.startsWith(`${USER_EXPORT_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('holds every user of the tenant with the list’s values, its groups and its direct roles', async () => {
    const { text } = await exportText();
    expect(readCsv(text)).toEqual(await expectedUsers());
  });

  it('quotes every text field, doubles quotes, and keeps commas, semicolons and line breaks inside the field', async () => {
    const { text } = await exportText();
    const alice = (await expectedUsers()).find((user) => user.id === people.alice!.id)!;
    expect(text).toContain(
      `\r\n${people.alice!.id},"alice","Alice ""Al"" Smith, Jr.","alice@example.com","'+1 (555) 123-4567",` +
        `"ext;1\\a",registered,true,internal,${String(alice.createdAt)},${String(alice.updatedAt)},,` +
        `"Back\\\\slash;R&D\\; Ops;Sales;Zürich Ärzte 部門","crm.read;crm.write"\r\n`,
    );
    expect(text).toContain('"Line one\nLine two\r\n\tand a tab, a ""quote""; done"');
    // An anonymous user: no text at all, so every text field is empty and unquoted.
    expect(text).toMatch(new RegExp(`\r\n${people.anonymous!.id},,,,,,anonymous,true,anonymous,[^,]+,[^,]+,,,\r\n`));
  });

  it('puts a quote before what a spreadsheet would run as a formula, and before a leading quote', async () => {
    const { text } = await exportText();
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(text).toContain(`"''already quoted"`);
    expect(text).toContain(`"'-42"`);
    expect(text).toContain(`"'+Plus group"`);
    expect(text).not.toMatch(/(^|,)"?[=+@-]/m);
  });

  it('reads back to exactly what the JSON Lines hold', async () => {
    const [csv, jsonl] = await Promise.all([exportText(), exportText('format=jsonl')]);
    expect(readCsv(csv.text)).toEqual(readJsonl(jsonl.text));
  });
});

describe('the JSON Lines', () => {
  it('are one compact object per line, with groups and roles as arrays and values unaltered', async () => {
    const { text, headers } = await exportText('format=jsonl');
    expect(headers['content-type']).toBe('application/x-ndjson');
    expect(headers['content-disposition']).toBe(`attachment; filename="users-tenant-one-${today()}.jsonl"`);
    expect(readJsonl(text)).toEqual(await expectedUsers());
    expect(text).toContain('"name":"=HYPERLINK(\\"http://x\\",\\"y\\")"');
    expect(text).toContain('"name":"Line one\\nLine two\\r\\n\\tand a tab, a \\"quote\\"; done"');
    expect(text).toContain('"groups":["Back\\\\slash","R&D; Ops","Sales","Zürich Ärzte 部門"]');
  });
});

describe('filters and order', () => {
  it.each([
    '',
    'isActive=false',
    'isActive=true',
    'search=ali',
    'search=%C3%B3zef',
    'kind=anonymous',
    'roleKey=crm.read',
    'roleKey=crm.admin',
    'roleKey=crm.read&roleSource=direct',
    'licenseClass=internal',
    'licenseClass=external,anonymous',
    'sort=-createdAt',
    'sort=lastLoginAt&isActive=true',
  ])('as the list has them: %s', async (query) => {
    expect(await exportedIds(query)).toEqual(await listedIds(query));
  });

  it('by group, as the list has them', async () => {
    for (const group of Object.values(groups).filter((g) => g !== groups.other)) {
      const query = `groupId=${group.id}`;
      const ids = await exportedIds(query);
      expect(ids).toEqual(await listedIds(query));
      expect(ids.length).toBeGreaterThan(0);
    }
  });

  it('applies to the JSON Lines too', async () => {
    const { text } = await exportText(`format=jsonl&groupId=${groups.sales!.id}&sort=-username`);
    expect(readJsonl(text).map((user) => user.username)).toEqual(['member', 'alice']);
  });

  it('can leave nobody: the CSV is its header alone, the JSON Lines empty', async () => {
    expect((await exportText('search=nobody-matches-this')).text).toBe(`${USER_EXPORT_COLUMNS.join(',')}\r\n`);
    expect((await exportText('search=nobody-matches-this&format=jsonl')).text).toBe('');
  });
});

describe('errors before the first byte', () => {
  async function expectProblem(query: string, status: number, field?: string) {
    const response = await call('GET', exportUrl(query));
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.headers['content-disposition']).toBeUndefined();
    if (field) expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    return response.body;
  }

  it('a format that is neither csv nor jsonl is a 400 naming it', async () => {
    await expectProblem('format=xlsx', 400, 'format');
  });

  it('paging parameters and unknown ones are refused (400)', async () => {
    await expectProblem('limit=10', 400);
    await expectProblem('cursor=abc', 400);
    await expectProblem('colour=red', 400);
  });

  it('bad filters are the list’s 400s', async () => {
    await expectProblem('isActive=maybe', 400, 'isActive');
    await expectProblem('licenseClass=gold', 400, 'licenseClass');
    await expectProblem('roleSource=direct', 400, 'roleSource');
    await expectProblem('sort=email', 400, 'sort');
  });

  it('a group of another tenant or an unknown role is a 404', async () => {
    await expectProblem(`groupId=${groups.other!.id}`, 404);
    await expectProblem('roleKey=no.such.role', 404);
  });
});

describe('tenancy and access', () => {
  it('holds no user of another tenant', async () => {
    const { text } = await exportText();
    expect(text).not.toContain('Other Alice');
    const other = readCsv((await exportText('', w.otherTenantId)).text);
    expect(other.map((user) => user.name)).toEqual(['Other Alice']);
  });

  it('lets every tenant manager export, and answers as the list does for everyone else', async () => {
    for (const role of ['owner', 'admin', 'tenant-admin'] as const) {
      for (const token of [w.tokens[role], w.keys[role]]) {
        const response = await exportRequest('', w.tenantId, token);
        expect(response.status, role).toBe(200);
        expect(readCsv(response.text)).toHaveLength(7);
      }
    }
    const cases: [string, string | null, string][] = [
      ['billing', w.tokens.billing, w.tenantId],
      ['a tenant-admin outside its tenants', w.tokens['tenant-admin'], w.otherTenantId],
      ['a tenant-admin key outside its tenants', w.keys['tenant-admin'], w.otherTenantId],
      ['nobody', null, w.tenantId],
    ];
    for (const [who, token, tenantId] of cases) {
      const listed = await t.request('GET', `/tenants/${tenantId}/users`, { token });
      const exported = await exportRequest('', tenantId, token);
      expect([who, exported.status], who).toEqual([who, listed.status]);
      expect(exported.status).toBeGreaterThanOrEqual(400);
      expect(exported.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers 404 to another account, and for a tenant that does not exist', async () => {
    const other = await createAccountWorld(t);
    expect((await t.request('GET', exportUrl(), { token: other.tokens.admin })).status).toBe(404);
    expect((await t.request('GET', exportUrl(), { token: other.tokens['tenant-admin'] })).status).toBe(404);
    expect((await call('GET', exportUrl('', '00000000-0000-7000-8000-000000000000'))).status).toBe(404);
  });
});

describe('file names', () => {
  it('reduce the tenant’s name to letters, digits and dashes, or use its id', () => {
    const at = new Date('2026-03-04T23:59:59Z');
    const id = '0190a0b2-7c1e-7a55-9f00-3c2d1e0f4a5b';
    expect(exportFileName('Zürich Ärzte GmbH', id, at, 'csv')).toBe('users-zurich-arzte-gmbh-2026-03-04.csv');
    expect(exportFileName('"../evil"; x=y', id, at, 'jsonl')).toBe('users-evil-x-y-2026-03-04.jsonl');
    expect(exportFileName('部門', id, at, 'csv')).toBe(`users-${id}-2026-03-04.csv`);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The stream, over a real socket.

const LARGE = 20_000;
let largeTenantId = '';
let port = 0;

/** The API's pool: what a streamed export borrows a connection from. */
function pool(): pg.Pool {
  const dataSource = t.app.get<DataSource>(getDataSourceToken());
  return (dataSource.driver as unknown as { master: pg.Pool }).master;
}

const inUse = () => pool().totalCount - pool().idleCount;

async function eventually(check: () => Promise<boolean> | boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Backends of this test's database still inside an export's statement or transaction. */
async function exportBackends(): Promise<number> {
  const { rows } = await t.db.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'
        AND (query LIKE 'SELECT concat_ws(%' OR query LIKE 'SELECT (SELECT CAST(row_to_json(r)%')`,
  );
  return rows[0].n as number;
}

/** GET over HTTP; resolves once the response's head has arrived, nothing of the body read yet. */
function open(path: string): Promise<{ request: ClientRequest; response: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, path: `/api/v1${path}`, headers: { authorization: `Bearer ${w.tokens.admin}` } },
      (response) => {
        response.pause();
        resolve({ request, response });
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/** The garbage collector, which vitest does not expose: live memory is what is left after it. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('streaming 20,000 users', () => {
  beforeAll(async () => {
    largeTenantId = expectStatus(
      await call('POST', `/environments/${w.environmentId}/tenants`, { body: { name: unique('Large') } }),
      201,
    ).body.id;
    // One statement, as a real tenant's users would have been created over years; a tenth hold a direct grant.
    await t.db.query(
      `INSERT INTO end_users (id, tenant_id, kind, username, username_key, username_sort, name, email, mobile_phone)
       SELECT gen_random_uuid(), $1, 'registered', 'user.' || lpad(i::text, 6, '0'), 'user.' || lpad(i::text, 6, '0'),
              'user.' || lpad(i::text, 6, '0'), 'User Number ' || i || ', "the ' || i || 'th"',
              'user' || i || '@example.com', '+44 20 7946 ' || lpad((i % 10000)::text, 4, '0')
         FROM generate_series(1, $2) AS i`,
      [largeTenantId, LARGE],
    );
    await t.db.query(
      `INSERT INTO user_roles (tenant_id, environment_id, user_id, role_id)
       SELECT u.tenant_id, $2, u.id, r.id FROM end_users u, roles r
        WHERE u.tenant_id = $1 AND r.environment_id = $2 AND r.key = 'crm.read' AND u.username LIKE '%0'`,
      [largeTenantId, w.environmentId],
    );
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as { port: number }).port;
  }, 120_000);

  it('sends every user in many chunks while the API’s live memory stays flat, even for a slow reader', async () => {
    const gc = collector();
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    const { response } = await open(exportUrl('', largeTenantId));
    expect(response.statusCode).toBe(200);
    let chunks = 0;
    let bytes = 0;
    let tail = '';
    let lines = 0;
    for await (const chunk of response as AsyncIterable<Buffer>) {
      chunks += 1;
      bytes += chunk.length;
      const text = tail + chunk.toString('latin1');
      const last = text.lastIndexOf('\r\n');
      lines += text.slice(0, last + 2).split('\r\n').length - 1;
      tail = text.slice(last + 2);
      // A slow reader now and then: the API must wait for it rather than read ahead into memory.
      if (chunks % 10 === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
    }
    expect(tail).toBe('');
    expect(lines).toBe(LARGE + 1);
    expect(bytes).toBeGreaterThan(LARGE * 150);
    expect(chunks).toBeGreaterThan(20);
    // The file is over 3 MB; what stays alive while it goes is a batch or two and the sockets' buffers.
    expect(peak / 2 ** 20).toBeLessThan(3);
    await eventually(() => inUse() === 0, 'the export’s connection going back to the pool');
  });

  it('gives its connection back, its transaction ended, when the client goes away halfway', async () => {
    const idleBefore = pool().idleCount;
    const { request, response } = await open(exportUrl('format=jsonl', largeTenantId));
    try {
      expect(response.statusCode).toBe(200);
      // Read a little, then stop: the API stops at what the sockets hold, so the export is still running.
      response.resume();
      await new Promise<void>((resolve) => response.once('data', () => resolve()));
      response.pause();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(inUse()).toBe(1);
      expect(await exportBackends()).toBe(1);
    } finally {
      request.destroy();
    }
    await eventually(() => inUse() === 0, 'the connection going back to the pool');
    await eventually(async () => (await exportBackends()) === 0, 'the export’s transaction ending');
    expect(pool().idleCount).toBeGreaterThanOrEqual(idleBefore);
    // The connection was handed back clean: the next export on it is whole.
    expect(readCsv((await exportText('search=ali')).text).map((user) => user.username)).toEqual(['alice']);
  });

  it(`runs ${MAX_RUNNING_EXPORTS} exports at once and refuses one more with 429 and Retry-After`, async () => {
    const running: Awaited<ReturnType<typeof open>>[] = [];
    try {
      for (let i = 0; i < MAX_RUNNING_EXPORTS; i += 1)
        running.push(await open(exportUrl('format=jsonl', largeTenantId)));
      expect(running.map(({ response }) => response.statusCode)).toEqual(running.map(() => 200));
      expect(inUse()).toBe(MAX_RUNNING_EXPORTS);
      const refused = await call('GET', exportUrl());
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('10');
      expect(refused.headers['content-type']).toContain('application/problem+json');
    } finally {
      for (const { request } of running) request.destroy();
    }
    await eventually(() => inUse() === 0, 'the exports’ connections going back to the pool');
    expect((await exportRequest('search=ali')).status).toBe(200);
  });
});
