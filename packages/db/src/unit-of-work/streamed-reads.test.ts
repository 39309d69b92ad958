/**
 * Streamed reads (ScopedWork.stream, cursor-text.ts): a cursor in one REPEATABLE READ, READ ONLY transaction bound
 * to the scope, whose connection goes back to the pool however the stream ends. The API pool here holds a single
 * connection, so one that was not handed back stalls the next read.
 */
import type { Readable } from 'node:stream';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiUnitOfWork,
  createAccount,
  openRlsDatabase,
  type RlsDatabase,
  seedTenantRows,
  SYSTEM_ACTOR,
  type TenantRef,
  type TenantRows,
} from '../../test/rls-world.js';
import type { UnitOfWork } from './unit-of-work.js';

let db: RlsDatabase;
let work: UnitOfWork;
let a: TenantRef;
let b: TenantRef;
let rowsOfA: TenantRows;

beforeAll(async () => {
  db = await openRlsDatabase('roster_streamed_reads');
  [a, b] = (await createAccount(db.owner, 2)) as [TenantRef, TenantRef];
  rowsOfA = await seedTenantRows(db.owner, a);
  await seedTenantRows(db.owner, b);
  work = apiUnitOfWork(db);
});
afterAll(async () => db?.close());

const statement =
  (text: string, parameters: unknown[] = []) =>
  async () => ({ text, parameters });

async function readAll(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text;
}

function pool(): pg.Pool {
  return (db.api.driver as unknown as { master: pg.Pool }).master;
}

/** The pool's one connection is free again, and answers: a plain read of the scope still works. */
async function expectConnectionBack(): Promise<void> {
  await expect.poll(() => pool().idleCount, { timeout: 5_000 }).toBe(pool().totalCount);
  const users = await work.forTenant(a, SYSTEM_ACTOR).read((data) => data.users.exists({ id: rowsOfA.userId }));
  expect(users).toBe(true);
}

describe('a streamed read', () => {
  it('sees the bound tenant’s rows only, even with no condition of its own', async () => {
    const stream = await work.forTenant(a, SYSTEM_ACTOR).stream(statement(`SELECT id || chr(10) FROM end_users`));
    expect(await readAll(stream)).toBe(`${rowsOfA.userId}\n`);
    await expectConnectionBack();
  });

  it('runs in one REPEATABLE READ, READ ONLY transaction, the head first', async () => {
    const stream = await work.forTenant(a, SYSTEM_ACTOR).stream(
      statement(
        `SELECT current_setting('transaction_isolation') || ' ' || current_setting('transaction_read_only') ||
                ' ' || current_setting('roster.tenant_id') || chr(10)`,
      ),
      { head: 'head\n' },
    );
    expect(await readAll(stream)).toBe(`head\nrepeatable read on ${a.tenantId}\n`);
    await expectConnectionBack();
  });

  it('sends its rows in batches, each one chunk, in order', async () => {
    const stream = await work
      .forTenant(a, SYSTEM_ACTOR)
      .stream(statement(`SELECT i || ',' FROM generate_series(1, $1) AS i ORDER BY i`, [25]), { batchRows: 10 });
    const chunks: string[] = [];
    for await (const chunk of stream) chunks.push(String(chunk));
    expect(chunks).toEqual(['1,2,3,4,5,6,7,8,9,10,', '11,12,13,14,15,16,17,18,19,20,', '21,22,23,24,25,']);
    await expectConnectionBack();
  });

  it('ends its transaction and hands its connection back when the stream is destroyed halfway', async () => {
    const stream = await work
      .forTenant(a, SYSTEM_ACTOR)
      .stream(statement(`SELECT repeat('x', 100) || chr(10) FROM generate_series(1, 1000000)`), { batchRows: 100 });
    const first = await new Promise<string>((resolve) => stream.once('data', (chunk) => resolve(String(chunk))));
    expect(first.length).toBe(10_100);
    stream.destroy();
    await new Promise((resolve) => stream.once('close', resolve));
    await expectConnectionBack();
  });

  it('rejects before streaming when the statement fails, and when the work throws, releasing the connection', async () => {
    await expect(
      work.forTenant(a, SYSTEM_ACTOR).stream(statement('SELECT 1 / (SELECT count(*) - count(*) FROM end_users)')),
    ).rejects.toThrow('division by zero');
    await expectConnectionBack();
    await expect(
      work.forTenant(a, SYSTEM_ACTOR).stream(async (data) => {
        await data.groups.get(rowsOfA.userId); // no such group: the 404 a filter answers
        return { text: 'SELECT 1', parameters: [] };
      }),
    ).rejects.toThrow('was not found');
    await expectConnectionBack();
  });

  it('refuses to write', async () => {
    await expect(
      work
        .forTenant(a, SYSTEM_ACTOR)
        .stream(statement(`WITH d AS (DELETE FROM end_users RETURNING id) SELECT id || '' FROM d`)),
    ).rejects.toThrow('read-only transaction');
    await expectConnectionBack();
  });
});
