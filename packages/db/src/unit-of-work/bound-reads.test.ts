/**
 * Reads carry their scope in each statement (bound-reads.ts): parameters written in as literals mean what
 * they meant as parameters, and the binding ends with the statement, so a pooled connection keeps nothing.
 */
import fc from 'fast-check';
import type { PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiUnitOfWork,
  createAccount,
  openRlsDatabase,
  type RlsDatabase,
  seedTenantRows,
  SYSTEM_ACTOR,
  type TenantRef,
} from '../../test/rls-world.js';
import { bindEachStatement, inlineParameters } from './bound-reads.js';
import type { UnitOfWork } from './unit-of-work.js';

describe('writing parameters into a statement', () => {
  it('replaces each placeholder by its literal, $10 not being $1 followed by 0', () => {
    const parameters = ['a', 2, null, true, undefined, 6, 7, 8, 9, 'ten'];
    expect(inlineParameters('SELECT $1, $2, $3, $4, $5, $10, $1', parameters)).toBe(
      "SELECT 'a', '2', NULL, 'true', NULL, 'ten', 'a'",
    );
  });

  it('quotes quotes and backslashes, and writes dates, arrays, objects and bytes as pg would send them', () => {
    expect(inlineParameters('SELECT $1', ["O'Brien \\ co"])).toBe("SELECT  E'O''Brien \\\\ co'");
    expect(inlineParameters('SELECT $1::text[]', [['a', "b'c", null]])).toBe(`SELECT '{"a","b''c",NULL}'::text[]`);
    expect(inlineParameters('SELECT $1::jsonb', [{ a: "it's" }])).toBe(`SELECT '{"a":"it''s"}'::jsonb`);
    expect(inlineParameters('SELECT $1::bytea', [Buffer.from([0, 255])])).toBe("SELECT '\\x00ff'::bytea");
    expect(inlineParameters('SELECT $1::timestamptz', [new Date('2026-01-02T03:04:05.006Z')])).toMatch(
      /^SELECT '2026-01-02T\d\d:\d\d:05\.006[+-]\d\d:\d\d'::timestamptz$/,
    );
  });

  it('leaves what only looks like a placeholder: in text, names, comments and dollar-quoted bodies', () => {
    const sql = `SELECT '$1', E'\\'$1', "$1", $x$ $1 $x$, $$ $1 $$ -- $1
      /* $1 */ FROM t WHERE a = $1`;
    expect(inlineParameters(sql, ['v'])).toBe(sql.replace(/= \$1$/, "= 'v'"));
  });

  it('refuses a placeholder without a parameter', () => {
    expect(() => inlineParameters('SELECT $2', ['one'])).toThrow('uses $2 but has 1 parameters');
  });
});

let db: RlsDatabase;
let work: UnitOfWork;
let a: TenantRef;
let b: TenantRef;

beforeAll(async () => {
  db = await openRlsDatabase('roster_bound_reads');
  [a, b] = (await createAccount(db.owner, 2)) as [TenantRef, TenantRef];
  await seedTenantRows(db.owner, a);
  await seedTenantRows(db.owner, b);
  work = apiUnitOfWork(db);
});
afterAll(async () => db?.close());

describe('a read, as roster_api', () => {
  /** Runs `statement` as a read of `ref` runs it. */
  async function readStatement(ref: TenantRef, statement: string, parameters: unknown[] = []) {
    const runner = db.api.createQueryRunner();
    try {
      bindEachStatement(runner, (await runner.connect()) as PoolClient, ref);
      return (await runner.query(statement, parameters)) as Record<string, unknown>[];
    } finally {
      await runner.release();
    }
  }
  const echo = async (value: unknown, type: string) =>
    (await readStatement(a, `SELECT $1::${type} AS v`, [value]))[0]!.v;

  it('gets back any text it sends, as a parameter would', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary' }).filter((text) => !text.includes('\u0000')),
        async (text) => {
          expect(await echo(text, 'text')).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
    for (const text of ["'; DROP TABLE end_users; --", "\\'", "E'\\\\'", '$1', '$$', "O'Brien\\"]) {
      expect(await echo(text, 'text')).toBe(text);
    }
    expect(await echo(['a', "b'c", null], 'text[]')).toEqual(['a', "b'c", null]);
    expect(await echo(42, 'int')).toBe(42);
  });

  it('sees its tenant’s rows and no other’s, and leaves the connection unbound', async () => {
    const count = (ref: TenantRef) =>
      work.forTenant(ref, SYSTEM_ACTOR).read((data) => data.users.findForLogin('u').then((user) => user?.id ?? null));
    const [mine, theirs] = await Promise.all([count(a), count(b)]);
    expect(mine).not.toBeNull();
    expect(theirs).not.toBeNull();
    expect(mine).not.toBe(theirs);
    // The api pool has one connection: the next statement runs where the reads ran, with nothing bound.
    const [left] = await db.api.query(
      "SELECT current_setting('roster.tenant_id', true) AS tenant, (SELECT count(*) FROM end_users)::int AS users",
    );
    expect(left).toEqual({ tenant: '', users: 0 });
  });

  it('refuses to write, and keeps nothing bound after a failed statement', async () => {
    await expect(readStatement(a, 'DELETE FROM end_users')).rejects.toThrow('SELECT statements only');
    await expect(readStatement(a, 'WITH gone AS (DELETE FROM end_users RETURNING 1) SELECT 1')).rejects.toThrow(
      'in a read-only transaction',
    );
    expect(await readStatement(a, 'SELECT count(*)::int AS n FROM end_users')).toEqual([{ n: 1 }]);
    await expect(readStatement(a, 'SELECT 1/0')).rejects.toThrow('division by zero');
    const [left] = await db.api.query("SELECT current_setting('roster.tenant_id', true) AS tenant");
    expect(left.tenant).toBe('');
  });
});
