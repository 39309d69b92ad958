/**
 * Billing statements (issue 16, API.md §8): closed from the stored snapshots once their period has ended,
 * written once, never changed by a rerun or by snapshots that arrive later, and told as usage.statement.closed.
 */
import { randomUUID } from 'node:crypto';
import { billingPeriodOf, statementFigures } from '@roster/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseStatementsHandler } from '../src/statements/close-statements.handler.js';
import { createTestEnv, type TestEnv } from './harness.js';
import { seedAccount } from './usage-fixtures.js';

let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv();
}, 60_000);
afterAll(() => env?.cleanup());

const DAY = 86_400_000;
const LIMITS = { internal: null, external: null, named: 100 };

async function accountSnapshot(accountId: string, at: Date, named: number) {
  await env.db.query(
    `INSERT INTO account_usage (id, account_id, run_id, model, aggregation, internal, external, named, limits, status,
                                environments, data_as_of)
     VALUES ($1, $2, $3, 'named', 'sum', $4, 0, $4, $5, $6, '[]', $7)`,
    [
      randomUUID(),
      accountId,
      randomUUID(),
      named,
      JSON.stringify(LIMITS),
      JSON.stringify({ internal: null, external: null, named: named > 100 ? 'exceeded' : 'ok' }),
      at,
    ],
  );
}

async function environmentSnapshot(accountId: string, environmentId: string, at: Date, named: number) {
  await env.db.query(
    `INSERT INTO environment_usage (id, environment_id, account_id, run_id, kind, internal, external, named, anonymous,
                                    inactive, data_as_of)
     VALUES ($1, $2, $3, $4, 'production', $5, 0, $5, 0, 0, $6)`,
    [randomUUID(), environmentId, accountId, randomUUID(), named, at],
  );
}

async function tenantStep(
  accountId: string,
  tenant: { id: string; environmentId: string; name: string; kind?: string },
  at: Date,
  named: number,
) {
  await env.db.query(
    `INSERT INTO tenant_usage (tenant_id, environment_id, account_id, run_id, name, kind, internal, external, named,
                               anonymous, inactive, data_as_of)
     VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $7, 0, 0, $8)`,
    [tenant.id, tenant.environmentId, accountId, randomUUID(), tenant.name, tenant.kind ?? 'production', named, at],
  );
}

describe('closing billing statements', () => {
  it('closes each ended period once, from the snapshots in force during it, and tells it', async () => {
    const { accountId, environmentIds } = await seedAccount(
      env.db,
      { model: 'named', namedLimit: 100, internalLimit: null, externalLimit: null, aggregation: 'sum' },
      [{ name: 'prod', kind: 'production', domains: [], tenants: [] }],
    );
    const current = billingPeriodOf(1, new Date());
    const previous = billingPeriodOf(1, new Date(current.from.getTime() - DAY));
    const before = billingPeriodOf(1, new Date(previous.from.getTime() - DAY));
    await env.db.query('UPDATE accounts SET created_at = $2 WHERE id = $1', [accountId, before.from]);
    const at = (period: typeof previous, days: number) => new Date(period.from.getTime() + days * DAY);
    // Before: 10 all along. Previous: 10 carried in, 120 from day 10, 60 from day 20. Current: not closed yet.
    for (const [time, named] of [
      [at(before, 0), 10],
      [at(previous, 10), 120],
      [at(previous, 20), 60],
      [at(current, 0), 70],
    ] as const) {
      await accountSnapshot(accountId, time, named);
      await environmentSnapshot(accountId, environmentIds[0]!, time, named);
    }

    const handler = new CloseStatementsHandler(env.db);
    expect(await handler.closeAll()).toEqual({ closed: 2 });
    const rows: { period_from: Date; id: string; statement: any }[] = await env.db.query(
      'SELECT period_from, id, statement FROM usage_statements WHERE account_id = $1 ORDER BY period_from',
      [accountId],
    );
    expect(rows.map((row) => row.period_from.toISOString())).toEqual([
      before.from.toISOString(),
      previous.from.toISOString(),
    ]);
    const statement = rows[1]!.statement;
    const series = [
      { at: at(before, 0), internal: 10, external: 0, named: 10 },
      { at: at(previous, 10), internal: 120, external: 0, named: 120 },
      { at: at(previous, 20), internal: 60, external: 0, named: 60 },
    ];
    const expected = statementFigures(series, previous);
    expect(statement).toMatchObject({
      id: rows[1]!.id,
      accountId,
      period: { from: previous.from.toISOString(), to: previous.to.toISOString() },
      billingDay: 1,
      limits: LIMITS,
      status: { named: 'ok' },
      account: expected,
      environments: [{ environmentId: environmentIds[0], name: 'prod', ...expected }],
    });
    expect(statement.account.named).toMatchObject({ peak: 120, end: 60 });

    // Told once, with the statement's id: a receiver deduplicates it.
    const told = await env.db.query(
      `SELECT id, type, event FROM outbox_events WHERE account_id = $1 AND type = 'usage.statement.closed'`,
      [accountId],
    );
    expect(told.map((row: { id: string }) => row.id).sort()).toEqual(rows.map((row) => row.id).sort());

    // A rerun, and a late snapshot inside a closed period, change nothing.
    await accountSnapshot(accountId, at(previous, 25), 999);
    expect(await handler.closeAll()).toEqual({ closed: 0 });
    const again = await env.db.query('SELECT statement FROM usage_statements WHERE id = $1', [rows[1]!.id]);
    expect(again[0].statement).toEqual(statement);
  });

  it('gives a period no snapshot covers empty figures, and the same id whenever it is computed', async () => {
    const { accountId } = await seedAccount(
      env.db,
      { model: 'named', namedLimit: 5, internalLimit: null, externalLimit: null, aggregation: 'sum' },
      [],
    );
    const current = billingPeriodOf(1, new Date());
    const previous = billingPeriodOf(1, new Date(current.from.getTime() - DAY));
    await env.db.query('UPDATE accounts SET created_at = $2 WHERE id = $1', [accountId, previous.from]);
    await new CloseStatementsHandler(env.db).closeAll();
    const [row] = await env.db.query('SELECT id, statement FROM usage_statements WHERE account_id = $1', [accountId]);
    expect(row.statement.account.named).toEqual({ peak: null, p95: null, average: null, end: null });
    expect(row.statement.limits).toBeNull();
    await env.db.query('DELETE FROM usage_statements WHERE account_id = $1', [accountId]);
    await new CloseStatementsHandler(env.db).closeAll();
    const [recomputed] = await env.db.query('SELECT id FROM usage_statements WHERE account_id = $1', [accountId]);
    expect(recomputed.id).toBe(row.id);
  });

  it('has each production tenant with licensed users in the period, deleted ones included, from its steps', async () => {
    const { accountId, environmentIds } = await seedAccount(
      env.db,
      { model: 'named', namedLimit: null, internalLimit: null, externalLimit: null, aggregation: 'sum' },
      [{ name: 'prod', kind: 'production', domains: [], tenants: [] }],
    );
    const environmentId = environmentIds[0]!;
    const current = billingPeriodOf(1, new Date());
    const previous = billingPeriodOf(1, new Date(current.from.getTime() - DAY));
    await env.db.query('UPDATE accounts SET created_at = $2 WHERE id = $1', [accountId, previous.from]);
    const at = (days: number) => new Date(previous.from.getTime() + days * DAY);
    const tenant = (name: string, kind = 'production') => ({ id: randomUUID(), environmentId, name, kind });
    // Contoso: 5 carried in, 8 from day 10, deleted on day 20 (its series ends with zeros). Fabrikam: counted
    // from day 3 on, unchanged since. Gone: deleted before the period. Staging: not production.
    const [contoso, fabrikam, gone, staging] = [
      tenant('Contoso'),
      tenant('Fabrikam'),
      tenant('Gone'),
      tenant('S', 'non-production'),
    ];
    await tenantStep(accountId, contoso, at(-40), 5);
    await tenantStep(accountId, contoso, at(10), 8);
    await tenantStep(accountId, contoso, at(20), 0);
    await tenantStep(accountId, fabrikam, at(3), 2);
    await tenantStep(accountId, gone, at(-50), 4);
    await tenantStep(accountId, gone, at(-45), 0);
    await tenantStep(accountId, staging, at(1), 9);

    await new CloseStatementsHandler(env.db).closeAll();
    const [row] = await env.db.query('SELECT statement FROM usage_statements WHERE account_id = $1', [accountId]);
    const figures = (steps: [number, number][]) =>
      statementFigures(
        steps.map(([days, named]) => ({ at: at(days), internal: 0, external: named, named })),
        previous,
      );
    expect(row.statement.tenants).toEqual([
      {
        tenantId: contoso.id,
        environmentId,
        name: 'Contoso',
        ...figures([
          [-40, 5],
          [10, 8],
          [20, 0],
        ]),
      },
      { tenantId: fabrikam.id, environmentId, name: 'Fabrikam', ...figures([[3, 2]]) },
    ]);
    expect(row.statement.tenants[0].named).toMatchObject({ peak: 8, end: 0 });
    expect(row.statement.tenants[1].named).toMatchObject({ peak: 2, end: 2 });
  });
});
