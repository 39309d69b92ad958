/** The API's DataSource is the one TypeOrmModule provides; tenant data stays fail-closed; app.close() ends the pool. */
import { randomUUID } from 'node:crypto';
import { getDataSourceToken, getEntityManagerToken } from '@nestjs/typeorm';
import { CredentialsRepository, ScopesRepository, UnitOfWork } from '@roster/db';
import pg from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestContext } from '../src/common/request-context.js';
import { Work } from '../src/changes/work.js';
import { startTestApp, type TestApp } from './harness.js';

/** This file's own connection, named so that counting the API's connections can leave it out. */
const PROBE = 'data-source-test-probe';

let t: TestApp;
let probe: pg.Client;
beforeAll(async () => {
  t = await startTestApp({}, { signIn: false });
  probe = new pg.Client({ connectionString: t.config.databaseUrl, application_name: PROBE });
  await probe.connect();
}, 60_000);
afterAll(async () => {
  await probe?.end();
  await t?.close();
});

/** Connections to this file's database other than the probe: the API's pool (the harness pool stays unused). */
async function apiConnections(): Promise<number> {
  const { rows } = await probe.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name <> $1`,
    [PROBE],
  );
  return rows[0]!.n;
}

/** Private fields read through a cast, for these identity checks only. */
function fieldOf<T>(instance: object, field: string): T {
  return (instance as Record<string, T>)[field]!;
}

describe('the API DataSource', () => {
  it('is TypeOrmModule’s, connected at start with packages/db’s options, and the one services use', async () => {
    const dataSource = t.app.get<DataSource>(getDataSourceToken());
    expect(dataSource).toBeInstanceOf(DataSource);
    expect(dataSource.isInitialized).toBe(true);
    expect(dataSource.options).toMatchObject({
      type: 'postgres',
      url: t.config.databaseUrl,
      migrationsTableName: 'roster_migrations',
      synchronize: false,
      extra: { max: 10 },
    });
    expect(t.app.get<EntityManager>(getEntityManagerToken())).toBe(dataSource.manager);
    // The same instance in the unit of work every service writes and reads tenant data through, and behind
    // the repositories read before any scope is known (credentials, where a path's id belongs).
    expect(fieldOf(t.app.get(UnitOfWork), 'dataSource')).toBe(dataSource);
    expect(fieldOf(t.app.get(CredentialsRepository), 'manager')).toBe(dataSource.manager);
    expect(fieldOf(t.app.get(ScopesRepository), 'manager')).toBe(dataSource.manager);
    // Held by row-level security to the tenant or account a unit of work binds (packages/db's RowLevelSecurity).
    expect(await dataSource.query('SELECT current_user AS role')).toEqual([{ role: 'roster_api' }]);
    expect(await dataSource.query('SELECT current_database() AS name')).toEqual([
      { name: new URL(t.config.databaseUrl).pathname.slice(1) },
    ]);
    expect(await apiConnections()).toBeGreaterThan(0);
  });

  it('still refuses tenant data without the request’s tenant', () => {
    const work = t.app.get(Work);
    const actor = {
      kind: 'operator' as const,
      id: randomUUID(),
      role: 'owner' as const,
      accountId: null,
      tenantIds: [],
      environmentIds: [],
    };
    RequestContext.run({ requestId: 'no-scope', actor }, () => {
      expect(() => work.tenant()).toThrow(/No resolved scope/);
    });
    const accountId = randomUUID();
    RequestContext.run({ requestId: 'no-tenant', actor, scope: { accountId } }, () => {
      expect(() => work.tenant()).toThrow(/not tenant-scoped/);
    });
    RequestContext.run(
      { requestId: 'bad-tenant', actor, scope: { accountId, environmentId: randomUUID(), tenantId: 'not-a-uuid' } },
      () => {
        expect(() => work.tenant()).toThrow(/needs its tenantId/);
      },
    );
  });

  it('is destroyed at app.close(), and its connections end', async () => {
    const dataSource = t.app.get<DataSource>(getDataSourceToken());
    await t.app.close();
    expect(dataSource.isInitialized).toBe(false);
    // A closed connection's backend exits a moment after the client hangs up: poll briefly.
    await expect.poll(apiConnections, { timeout: 3000 }).toBe(0);
  });
});
