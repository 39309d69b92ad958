/**
 * The rules that let Citus distribute Roster's tenant tables on tenant_id (DESIGN.md §7), checked against the
 * catalog, and the plan that distributes them when the citus extension is there.
 *
 * A tenant table is any table with a tenant_id column; every other table is account-level, a reference table
 * under Citus (copied to every node), but for TypeORM's own bookkeeping tables, which stay on the coordinator
 * where migrations run and which no other table references or joins.
 *
 * Both are pure functions of a {@link SchemaCatalog}, read by {@link readSchemaCatalog}, so tests can show each rule
 * fire and the plan's order without a Citus cluster.
 */

/** How a table looks to the rules. */
export interface CatalogTable {
  name: string;
  /** null: the table has no tenant_id column (account-level). */
  tenantIdNullable: boolean | null;
}

/** A primary key (p), unique constraint (u) or foreign key (f). */
export interface CatalogConstraint {
  table: string;
  name: string;
  type: 'p' | 'u' | 'f';
  columns: string[];
  /** Foreign keys: the referenced table and columns, and the actions (pg_constraint's confdeltype/confupdtype). */
  refTable: string | null;
  refColumns: string[];
  onDelete: string;
  onUpdate: string;
}

/** A unique index that backs no constraint; an expression among its key columns reads ''. */
export interface CatalogUniqueIndex {
  table: string;
  name: string;
  columns: string[];
}

/** A column whose value the database generates when none is given: a DEFAULT or an identity. */
export interface CatalogDefault {
  table: string;
  column: string;
  expression: string;
  inPrimaryKey: boolean;
}

export interface SchemaCatalog {
  tables: CatalogTable[];
  constraints: CatalogConstraint[];
  uniqueIndexes: CatalogUniqueIndex[];
  defaults: CatalogDefault[];
}

/** Runs one statement: a pg.Client's, a DataSource's or an EntityManager's `query`. */
export type Query = (sql: string, parameters?: unknown[]) => Promise<unknown>;

/** Tables of TypeORM's own, left out of distribution (see the file's comment). */
const BOOKKEEPING = new Set(['roster_migrations', 'typeorm_metadata']);

/** Reads the tables of the current schema (public) as the rules see them. */
export async function readSchemaCatalog(query: Query): Promise<SchemaCatalog> {
  const rows = async <T>(sql: string) => (await query(sql)) as T[];
  const inSchema = `n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition`;
  const attnames = (table: string, numbers: string, upTo = '') => `ARRAY(
    SELECT coalesce(a.attname::text, '') FROM unnest(${numbers}::int2[]) WITH ORDINALITY AS u (attnum, i)
      LEFT JOIN pg_attribute a ON a.attrelid = ${table} AND a.attnum = u.attnum
     ${upTo ? `WHERE u.i <= ${upTo}` : ''} ORDER BY u.i)`;
  const [tables, constraints, uniqueIndexes, defaults] = await Promise.all([
    rows<CatalogTable>(
      `SELECT c.relname::text AS name,
              (SELECT NOT a.attnotnull FROM pg_attribute a
                WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS "tenantIdNullable"
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE ${inSchema} ORDER BY 1`,
    ),
    rows<CatalogConstraint>(
      `SELECT c.relname::text AS table, k.conname::text AS name, k.contype::text AS type,
              ${attnames('k.conrelid', 'k.conkey')} AS columns, r.relname::text AS "refTable",
              ${attnames('k.confrelid', "coalesce(k.confkey, '{}')")} AS "refColumns",
              k.confdeltype::text AS "onDelete", k.confupdtype::text AS "onUpdate"
         FROM pg_constraint k
         JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_class r ON r.oid = k.confrelid
        WHERE ${inSchema} AND k.contype IN ('p', 'u', 'f') ORDER BY 1, 2`,
    ),
    rows<CatalogUniqueIndex>(
      `SELECT c.relname::text AS table, i.relname::text AS name,
              ${attnames('x.indrelid', 'x.indkey', 'x.indnkeyatts')} AS columns
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE ${inSchema} AND x.indisunique
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.conrelid = x.indrelid
                                                          AND k.contype IN ('p', 'u'))
        ORDER BY 1, 2`,
    ),
    rows<CatalogDefault>(
      `SELECT c.relname::text AS table, a.attname::text AS column,
              coalesce(pg_get_expr(d.adbin, d.adrelid), 'GENERATED AS IDENTITY') AS expression,
              EXISTS (SELECT 1 FROM pg_constraint k
                       WHERE k.conrelid = c.oid AND k.contype = 'p' AND a.attnum = ANY (k.conkey)) AS "inPrimaryKey"
         FROM pg_attribute a
         JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE ${inSchema} AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
          AND (a.attidentity <> '' OR d.adbin IS NOT NULL)
        ORDER BY 1, 2`,
    ),
  ]);
  return { tables, constraints, uniqueIndexes, defaults };
}

const ACTIONS: Record<string, string> = { n: 'SET NULL', d: 'SET DEFAULT' };

/** Whether a default makes ids: a sequence, a UUID function, an identity, or any default of a key column or `id`. */
function generatesIds({ column, expression, inPrimaryKey }: CatalogDefault): boolean {
  return column === 'id' || inPrimaryKey || /nextval\(|gen_random_uuid\(|uuid_generate_|IDENTITY/i.test(expression);
}

/**
 * Every way the schema breaks the rules of DESIGN.md §7, one line each, naming the table and the rule; empty when
 * Citus can distribute every tenant table on tenant_id.
 */
export function distributionViolations(catalog: SchemaCatalog): string[] {
  const tenantTables = new Set(catalog.tables.filter((t) => t.tenantIdNullable !== null).map((t) => t.name));
  const violations: string[] = [];
  for (const table of catalog.tables) {
    if (table.tenantIdNullable) violations.push(`${table.name}: tenant_id must be NOT NULL`);
  }
  for (const table of tenantTables) {
    const key = catalog.constraints.find((k) => k.table === table && k.type === 'p');
    if (!key) violations.push(`${table}: a tenant table needs a primary key including tenant_id`);
    else if (!key.columns.includes('tenant_id')) {
      violations.push(`${table}: primary key ${key.name} (${key.columns.join(', ')}) must include tenant_id`);
    }
  }
  for (const k of catalog.constraints.filter((c) => c.type === 'u' && tenantTables.has(c.table))) {
    if (!k.columns.includes('tenant_id')) {
      violations.push(`${k.table}: unique constraint ${k.name} (${k.columns.join(', ')}) must include tenant_id`);
    }
  }
  for (const index of catalog.uniqueIndexes.filter((i) => tenantTables.has(i.table))) {
    if (!index.columns.includes('tenant_id')) {
      violations.push(`${index.table}: unique index ${index.name} must include tenant_id among its key columns`);
    }
  }
  for (const fk of catalog.constraints.filter((c) => c.type === 'f')) {
    const from = tenantTables.has(fk.table);
    const to = fk.refTable !== null && tenantTables.has(fk.refTable);
    if (!from && to) {
      violations.push(`${fk.table}: foreign key ${fk.name} from an account-level table to tenant table ${fk.refTable}`);
    }
    if (!from || !to) continue;
    const position = fk.columns.indexOf('tenant_id');
    if (position < 0 || fk.refColumns[position] !== 'tenant_id') {
      violations.push(
        `${fk.table}: foreign key ${fk.name} (${fk.columns.join(', ')}) → ${fk.refTable} (${fk.refColumns.join(', ')}) ` +
          'must include tenant_id on both sides, at the same position',
      );
    }
    for (const [when, action] of [
      ['DELETE', fk.onDelete],
      ['UPDATE', fk.onUpdate],
    ] as const) {
      if (ACTIONS[action]) {
        violations.push(`${fk.table}: foreign key ${fk.name} must not be ON ${when} ${ACTIONS[action]}`);
      }
    }
  }
  for (const d of catalog.defaults.filter((c) => tenantTables.has(c.table) && generatesIds(c))) {
    violations.push(
      `${d.table}: ${d.column} gets an id from the database (${d.expression}); ids come from the application`,
    );
  }
  return violations;
}

/** A table Citus already manages, from pg_dist_partition: distributed (hash) or reference. */
export interface CitusTable {
  name: string;
  kind: 'distributed' | 'reference' | 'other';
}

/**
 * The statements that hand the schema to Citus: every account-level table a reference table, then every tenant
 * table distributed on tenant_id, all co-located with the first (so a tenant's rows of every table share a node
 * and its joins and foreign keys stay on it). Each kind in foreign-key order — a table after those it references,
 * as Citus asks — and by name otherwise. Tables already of their kind are skipped, so the plan of a distributed
 * schema is empty and running it again is safe.
 */
export function distributionPlan(catalog: SchemaCatalog, citusTables: readonly CitusTable[] = []): string[] {
  const done = new Map(citusTables.map((t) => [t.name, t.kind]));
  const names = catalog.tables.map((t) => t.name).filter((name) => !BOOKKEEPING.has(name));
  const isTenant = new Set(catalog.tables.filter((t) => t.tenantIdNullable !== null).map((t) => t.name));
  const ordered = foreignKeyOrder(names, catalog.constraints);
  const reference = ordered.filter((name) => !isTenant.has(name));
  const distributed = ordered.filter((name) => isTenant.has(name));
  const anchor = distributed[0];
  const literal = (name: string) => `'${name}'`;
  return [
    ...reference
      .filter((name) => done.get(name) !== 'reference')
      .map((name) => `SELECT create_reference_table(${literal(name)})`),
    ...distributed
      .filter((name) => done.get(name) !== 'distributed')
      .map(
        (name) =>
          `SELECT create_distributed_table(${literal(name)}, 'tenant_id', ` +
          `colocate_with => ${name === anchor ? `'none'` : literal(anchor!)})`,
      ),
  ];
}

/** `names` with every table after the tables it references (cycles, which Roster has none of, are refused). */
function foreignKeyOrder(names: readonly string[], constraints: readonly CatalogConstraint[]): string[] {
  const references = new Map(names.map((name) => [name, new Set<string>()]));
  for (const fk of constraints) {
    if (fk.type === 'f' && fk.refTable && fk.refTable !== fk.table && references.has(fk.refTable)) {
      references.get(fk.table)?.add(fk.refTable);
    }
  }
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (name: string) => {
    if (placed.has(name)) return;
    if (visiting.has(name)) throw new Error(`Foreign keys form a cycle through ${name}`);
    visiting.add(name);
    for (const referenced of [...references.get(name)!].sort()) place(referenced);
    visiting.delete(name);
    placed.add(name);
    ordered.push(name);
  };
  for (const name of [...names].sort()) place(name);
  return ordered;
}

/**
 * When the citus extension is installed in the database, distributes what is not distributed yet (see
 * {@link distributionPlan}); without it, does nothing. Run after the migrations, on the coordinator; each
 * statement on its own (Citus moves a table's rows to its shards as it distributes it). Returns what it ran.
 */
export async function distributeIfCitus(query: Query): Promise<string[]> {
  const citus = (await query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)) as unknown[];
  if (citus.length === 0) return [];
  const citusTables = (await query(
    `SELECT c.relname::text AS name,
            CASE WHEN p.partmethod = 'h' THEN 'distributed'
                 WHEN p.partmethod = 'n' AND p.repmodel = 't' THEN 'reference' ELSE 'other' END AS kind
       FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema()`,
  )) as CitusTable[];
  const plan = distributionPlan(await readSchemaCatalog(query), citusTables);
  for (const statement of plan) await query(statement);
  return plan;
}
