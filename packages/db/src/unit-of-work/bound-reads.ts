import { createRequire } from 'node:module';
import pg from 'pg';
import type { QueryRunner } from 'typeorm';

/** pg's own conversion of a JavaScript value into a parameter's text (or bytes), so a literal means the same. */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
  prepareValue(value: unknown): string | Buffer | null;
};

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids row-level security reads; empty means none. */
export interface BoundIds {
  accountId: string;
  tenantId: string;
}

/**
 * The statements that bind a scope for the rest of their transaction (the ids are checked UUIDs, or empty). SET
 * LOCAL rather than set_config(…, true), which means the same to PostgreSQL: Citus forwards SET LOCAL commands to
 * the worker nodes a transaction reaches (with `citus.propagate_set_commands = 'local'`, docs/scaling.md), and no
 * function call, so row-level security holds on the shards too.
 */
export function bindingStatement({ accountId, tenantId }: BoundIds): string {
  if (![accountId, tenantId].every((id) => id === '' || UUID.test(id))) throw new Error('A scope id is not a UUID');
  return `SET LOCAL roster.account_id = '${accountId}'; SET LOCAL roster.tenant_id = '${tenantId}'`;
}

/** A parameter as an SQL literal: quoted text, which PostgreSQL types from its context as an untyped parameter. */
function literal(value: unknown): string {
  const prepared = prepareValue(value);
  if (prepared === null) return 'NULL';
  if (Buffer.isBuffer(prepared)) return `'\\x${prepared.toString('hex')}'`;
  return pg.escapeLiteral(prepared);
}

/**
 * Writes the parameters into the statement in place of `$1`, `$2`, …; placeholders are only looked for
 * outside quoted text, quoted names, comments and dollar-quoted bodies.
 */
export function inlineParameters(sql: string, parameters: readonly unknown[] = []): string {
  let out = '';
  let i = 0;
  const copyUntil = (end: number) => {
    out += sql.slice(i, end);
    i = end;
  };
  while (i < sql.length) {
    const char = sql[i]!;
    const next = sql[i + 1];
    if (char === "'") {
      const escapes = /[eE]/.test(sql[i - 1] ?? '') && !/\w/.test(sql[i - 2] ?? '');
      let end = i + 1;
      while (end < sql.length) {
        if (escapes && sql[end] === '\\') end += 2;
        else if (sql[end] === "'" && sql[end + 1] === "'") end += 2;
        else if (sql[end] === "'") break;
        else end += 1;
      }
      copyUntil(end + 1);
    } else if (char === '"') {
      copyUntil(sql.indexOf('"', i + 1) + 1 || sql.length);
    } else if (char === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      copyUntil(end === -1 ? sql.length : end);
    } else if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      copyUntil(end === -1 ? sql.length : end + 2);
    } else if (char === '$' && /\d/.test(next ?? '') && !/[\w$]/.test(sql[i - 1] ?? '')) {
      const digits = /^\d+/.exec(sql.slice(i + 1))![0];
      const index = Number(digits);
      if (index < 1 || index > parameters.length) {
        throw new Error(`The statement uses $${index} but has ${parameters.length} parameters`);
      }
      out += literal(parameters[index - 1]);
      i += 1 + digits.length;
    } else if (char === '$' && !/[\w$]/.test(sql[i - 1] ?? '')) {
      const tag = /^\$(?:[A-Za-z_]\w*)?\$/.exec(sql.slice(i))?.[0];
      if (!tag) copyUntil(i + 1);
      else {
        const end = sql.indexOf(tag, i + tag.length);
        copyUntil(end === -1 ? sql.length : end + tag.length);
      }
    } else {
      copyUntil(i + 1);
    }
  }
  return out;
}

type PgClient = pg.PoolClient;

/**
 * Makes every statement the runner sends carry its scope: `<binding>; <statement>` as one simple-protocol
 * message. PostgreSQL runs a message's statements in one implicit transaction, so the binding holds for the
 * statement and ends with it, fail-closed as the writes' SET LOCAL. A read needs no transaction of its own:
 * under READ COMMITTED a transaction gives each statement a fresh snapshot anyway, so holding one open bought
 * nothing but BEGIN and COMMIT, two of a list's three round trips (docs/performance.md, issue 15). The
 * statement's transaction is read-only too: a read never writes, whatever its SQL says.
 */
export function bindEachStatement(runner: QueryRunner, client: PgClient, ids: BoundIds): void {
  // Read-only as well: a data-modifying WITH the check below lets through is refused by PostgreSQL.
  const binding = `${bindingStatement(ids)}; SET LOCAL transaction_read_only = on`;
  const query = async (text: unknown, parameters?: unknown[]) => {
    if (typeof text !== 'string') throw new Error('A read runs plain statements; stream inside run() instead');
    if (!/^\s*(SELECT|WITH)\b/i.test(text)) throw new Error('A read runs SELECT statements only; use run() to write');
    const results = (await client.query(
      `${binding}; ${inlineParameters(text, parameters)}`,
    )) as unknown as pg.QueryResult[];
    return results[results.length - 1];
  };
  const bound = new Proxy(client, {
    get(target, property) {
      if (property === 'query') return query;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  // TypeORM's runner sends every statement through the client its connect() resolved to.
  Object.assign(runner, { databaseConnection: bound, databaseConnectionPromise: Promise.resolve(bound) });
}
