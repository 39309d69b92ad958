/**
 * A write's transaction in few messages (bound-transaction.ts): the opening and the binding go with the first
 * statement, a write nothing reads goes with the next message, the changes go with the COMMIT; and it is still one
 * transaction, bound to its tenant, all or nothing. Real PostgreSQL as roster_api; pg's query is watched, not faked.
 */
import { change } from '@roster/domain';
import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  apiUnitOfWork,
  createAccount,
  openRlsDatabase,
  type RlsDatabase,
  seedTenantRows,
  SYSTEM_ACTOR,
  type TenantRef,
} from '../../test/rls-world.js';
import { BoundTransaction } from './bound-transaction.js';
import type { UnitOfWork } from './unit-of-work.js';

let db: RlsDatabase;
let work: UnitOfWork;
let tenant: TenantRef;
let userId: string;

beforeAll(async () => {
  db = await openRlsDatabase('roster_bound_transaction');
  [tenant] = (await createAccount(db.owner, 1)) as [TenantRef];
  ({ userId } = await seedTenantRows(db.owner, tenant));
  await db.owner.query(
    `INSERT INTO end_users (id, tenant_id, kind, username, username_key) VALUES (gen_random_uuid(), $1, 'registered', 'taken', 'taken')`,
    [tenant.tenantId],
  );
  work = apiUnitOfWork(db);
});
afterAll(async () => db?.close());
afterEach(() => vi.restoreAllMocks());

/** The messages the work sends to PostgreSQL (each a round trip), as their text. */
function watchMessages(): string[] {
  const sent: string[] = [];
  const query = pg.Client.prototype.query;
  vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    sent.push(typeof args[0] === 'string' ? args[0] : '(stream)');
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query);
  return sent;
}

const fields = (username: string, name: string) => ({
  username,
  name,
  email: null,
  mobilePhone: null,
  externalId: null,
  isActive: true,
  scim: null,
  updatedAt: new Date(),
  passwordHash: undefined,
});

const userRow = async () =>
  (await db.owner.query('SELECT username, name, xmin::text AS version FROM end_users WHERE id = $1', [userId]))[0] as {
    username: string;
    name: string | null;
    version: string;
  };

const auditOf = async (type: string) =>
  Number(
    (
      await db.owner.query('SELECT count(*)::int AS n FROM audit_events WHERE target_id = $1 AND action = $2', [
        userId,
        type,
      ])
    )[0].n,
  );

/** The one api connection is clean again: nothing bound, no transaction left open. */
async function expectConnectionClean(): Promise<void> {
  const [left] = await db.api.query(
    "SELECT current_setting('roster.tenant_id', true) AS tenant, now() = statement_timestamp() AS fresh",
  );
  expect(left).toEqual({ tenant: '', fresh: true });
}

describe('a write’s transaction', () => {
  it('is two messages: the opening with the locked read, then the write and its change with the COMMIT', async () => {
    const sent = watchMessages();
    const version = await work.forTenant(tenant, SYSTEM_ACTOR).run(async (data) => {
      const current = await data.scimUsers.lockForWrite(userId, false);
      data.scimUsers.write(userId, fields('u', 'First'));
      data.record(change('user.password.changed', userId, null, null));
      return current!.versionWritten;
    });
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(
      /^START TRANSACTION; SET LOCAL roster.account_id = '.*'; SET LOCAL roster.tenant_id = '.*'; SELECT .* FOR UPDATE OF u$/s,
    );
    expect(sent[1]).toMatch(/^UPDATE end_users .*; WITH e AS .*INSERT INTO outbox_events.*; COMMIT$/s);
    const row = await userRow();
    expect(row.name).toBe('First');
    // The version the locked read foretold is the one the row has.
    expect(version).toBe(row.version);
    expect(await auditOf('user.password.changed')).toBe(1);
  });

  it('sends a waiting write ahead of the next statement, which sees it', async () => {
    const sent = watchMessages();
    const seen = await work.forTenant(tenant, SYSTEM_ACTOR).run(async (data) => {
      await data.scimUsers.lockForWrite(userId, false);
      data.scimUsers.write(userId, fields('u', 'Second'));
      return (await data.scimUsers.get(userId, false))!.name;
    });
    expect(seen).toBe('Second');
    expect(sent[1]).toMatch(/^UPDATE end_users .*; SELECT /s);
    expect(sent.at(-1)).toBe('COMMIT');
    expect((await userRow()).name).toBe('Second');
  });

  it('fails whole when a write is refused at the COMMIT: nothing stored, no change recorded', async () => {
    const [before, audited] = [await userRow(), await auditOf('user.password.changed')];
    const writing = work.forTenant(tenant, SYSTEM_ACTOR).run(async (data) => {
      await data.scimUsers.lockForWrite(userId, false);
      data.scimUsers.write(userId, fields('taken', 'Third'));
      data.record(change('user.password.changed', userId, null, null));
    });
    const error = await writing.catch((caught: unknown) => caught);
    // As TypeORM reports any refused statement, so the API answers it as it answers the rest (409 here).
    expect(error).toBeInstanceOf(QueryFailedError);
    expect((error as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('23505');
    expect(await userRow()).toEqual(before);
    expect(await auditOf('user.password.changed')).toBe(audited);
    await expectConnectionClean();
  });

  it('rolls back when a message fails before the COMMIT, the opening with it', async () => {
    const before = await userRow();
    const failing = work.forTenant(tenant, SYSTEM_ACTOR).run(async (data) => {
      data.scimUsers.write(userId, fields('taken', 'Fourth'));
      return data.scimUsers.get(userId, false);
    });
    await expect(failing).rejects.toBeInstanceOf(QueryFailedError);
    expect(await userRow()).toEqual(before);
    await expectConnectionClean();
  });

  it('ends with ROLLBACK when the work changed nothing after all, and refuses to drop a write that waits', async () => {
    const sent = watchMessages();
    await work.forTenant(tenant, SYSTEM_ACTOR).run(async (data) => {
      await data.scimUsers.lockForWrite(userId, false);
      data.wroteNothing();
    });
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe('ROLLBACK');
    const before = await userRow();
    const dropping = work.forTenant(tenant, SYSTEM_ACTOR).run(async (data) => {
      await data.scimUsers.lockForWrite(userId, false);
      data.scimUsers.write(userId, fields('u', 'Lost'));
      data.wroteNothing();
    });
    await expect(dropping).rejects.toThrow('wrote nothing has writes to send');
    expect(await userRow()).toEqual(before);
    await expectConnectionClean();
  });

  it('queues the opening ahead of a stream (a COPY, a cursor), which then runs bound, in the transaction', async () => {
    const runner = db.api.createQueryRunner();
    try {
      const transaction = new BoundTransaction(runner, (await runner.connect()) as pg.PoolClient, tenant);
      const connection = (runner as unknown as { databaseConnection: pg.PoolClient }).databaseConnection;
      const rows: unknown[] = [];
      // A Submittable, as pg-copy-streams and pg-query-stream hand to query(): it cannot be prefixed.
      const streamed = connection.query(
        new pg.Query(
          "SELECT current_setting('roster.tenant_id', true) AS tenant, count(*)::int AS users FROM end_users",
        ),
      ) as unknown as pg.Query;
      streamed.on('row', (row: unknown) => rows.push(row));
      await new Promise((resolve, reject) => streamed.on('end', resolve).on('error', reject));
      expect(rows).toEqual([{ tenant: tenant.tenantId, users: 2 }]);
      await transaction.commit();
    } finally {
      await runner.release();
    }
    await expectConnectionClean();
  });

  it('sends nothing when the work sends nothing', async () => {
    const sent = watchMessages();
    expect(await work.forTenant(tenant, SYSTEM_ACTOR).run(async () => 'nothing')).toBe('nothing');
    expect(sent).toEqual([]);
  });

  it('sends a large batch of changes ahead of the COMMIT with its parameters bound, not written into the text', async () => {
    const before = await auditOf('user.password.changed');
    const sent = watchMessages();
    // An import batch's worth: far more JSON than is worth escaping into the COMMIT's message.
    const many = Array.from({ length: 2000 }, () => change('user.password.changed', userId, null, null));
    await work.forTenant(tenant, SYSTEM_ACTOR).run(async (data) => {
      await data.scimUsers.lockForWrite(userId, false);
      data.record(...many);
    });
    // Taken at once: the delivered marks of so many changes are written straight after.
    const messages = sent.slice(0, 3);
    expect(messages[0]).toMatch(/^START TRANSACTION; .* FOR UPDATE OF u$/s);
    expect(messages[1]).toMatch(/^WITH e AS \(SELECT jsonb_array_elements\(\$1::jsonb\)/);
    expect(messages[2]).toBe('COMMIT');
    expect(await auditOf('user.password.changed')).toBe(before + 2000);
    await expectConnectionClean();
  });
});
