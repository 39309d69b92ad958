import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDataSource } from './data-source.js';
import { MIGRATIONS } from './migrations/index.js';
import { EndUser } from './entities/end-user.entity.js';
import { newId } from './entities/index.js';
import { LoginAttemptUsernameHashes1764400000000 } from './migrations/1764400000000-login-attempt-username-hashes.js';
import { ensureGroupRole } from './migrations/1764900000000-row-level-security.js';
import { dropDatabase, ensureDatabase, migrate } from './setup.js';
import { createAccount, seedTenantRows } from '../test/rls-world.js';

const run = promisify(execFile);

/** Rolls back the newest migrations, later ones first as a real rollback would, until `name` is undone. */
async function undoThrough(dataSource: DataSource, name: string): Promise<void> {
  for (;;) {
    const [last] = (await dataSource.query('SELECT name FROM roster_migrations ORDER BY timestamp DESC LIMIT 1')) as {
      name: string;
    }[];
    await dataSource.undoLastMigration({ transaction: 'all' });
    if (last?.name === name) return;
  }
}
const SERVER = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
const url = `${SERVER}/roster_migrations_${randomBytes(4).toString('hex')}`;
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

async function tables(): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  await client.end();
  return rows.map((row) => row.tablename as string);
}

afterAll(async () => dropDatabase(url));

describe('migrations', () => {
  it('create the database and run on an empty one, then find nothing pending', async () => {
    expect(await ensureDatabase(url)).toBe(true);
    expect(await ensureDatabase(url)).toBe(false);
    const dataSource = await createDataSource({ url, poolSize: 2 }).initialize();
    try {
      expect(await migrate(dataSource)).toEqual([
        'Foundation1763800000000',
        'EndUsers1763900000000',
        'EndUserAuth1764000000000',
        'Usage1764100000000',
        'UserSearchIndex1764200000000',
        'UsageDataTime1764300000000',
        'LoginAttemptUsernameHashes1764400000000',
        'TenantSigningKeys1764500000000',
        'UsernameKeys1764600000000',
        'AccountNamesNotUnique1764700000000',
        'ChangeOutbox1764800000000',
        'RowLevelSecurity1764900000000',
        'Webhooks1765100000000',
        'BillingStatements1765200000000',
        'TenantUsage1765300000000',
        'TenantInternalDomains1765400000000',
        'ScimColumns1765600000000',
        'GrantExpiry1765700000000',
        'UserImports1765800000000',
        'LifecyclePolicies1765900000000',
        'DistributableKeys1766000000000',
      ]);
      expect(await migrate(dataSource)).toEqual([]);
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
    }
    expect(await tables()).toEqual(
      expect.arrayContaining(['accounts', 'operators', 'tenants', 'audit_events', 'roster_migrations']),
    );
  });

  it('run once when several processes start together', async () => {
    const sources = await Promise.all([1, 2, 3].map(() => createDataSource({ url, poolSize: 2 }).initialize()));
    try {
      const ran = await Promise.all(sources.map((source) => migrate(source)));
      expect(ran.flat()).toEqual([]);
    } finally {
      await Promise.all(sources.map((source) => source.destroy()));
    }
  });

  it('agree with the entities: no table or column TypeORM would add, drop or alter', async () => {
    const dataSource = await createDataSource({ url, poolSize: 2 }).initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      // Constraints and indexes live in the migrations only (TypeORM would drop what it does
      // not model); tables and columns must match the entities exactly.
      const structural = pending.upQueries
        .map((query) => query.query)
        .filter((sql) => !/DROP CONSTRAINT|DROP INDEX|CREATE (UNIQUE )?INDEX|ADD CONSTRAINT/.test(sql));
      expect(structural).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('leave the previous release’s shared signing keys usable, and roll per-tenant keys back', async () => {
    const dataSource = await createDataSource({ url, poolSize: 2 }).initialize();
    const insertSharedKey = (id: string, privateJwk: object | null) =>
      dataSource.query(
        `INSERT INTO signing_keys (id, algorithm, public_jwk, private_jwk, signs_until, published_until)
         VALUES ($1, 'EdDSA', '{}', $2, now(), now())`,
        [id, privateJwk],
      );
    try {
      // A pod of the previous release, during a rolling update, still writes and reads plain-text keys.
      await insertSharedKey('previous-release', { d: 'x' });
      await insertSharedKey('retired', null);
      await undoThrough(dataSource, 'TenantSigningKeys1764500000000');
      // The previous release needs a private key in every row: the retired one went.
      const rows = await dataSource.query('SELECT id FROM signing_keys ORDER BY id');
      expect(rows).toEqual([{ id: 'previous-release' }]);
      await expect(insertSharedKey('again', null)).rejects.toThrow(/private_jwk/);
      expect(await tables()).not.toContain('tenant_signing_keys');
      expect(await migrate(dataSource)).toContain('TenantSigningKeys1764500000000');
      expect(await tables()).toContain('tenant_signing_keys');
    } finally {
      await dataSource.destroy();
    }
  });

  it('let two accounts share a name, and roll that back once they no longer do', async () => {
    const dataSource = await createDataSource({ url, poolSize: 2 }).initialize();
    const insertAccount = (name: string) =>
      dataSource.query(
        `INSERT INTO accounts (id, name, subscription_model, aggregation) VALUES (gen_random_uuid(), $1, 'named', 'sum') RETURNING id`,
        [name],
      );
    try {
      const [first] = await insertAccount('Shared Name');
      await insertAccount('shared name');
      await expect(undoThrough(dataSource, 'AccountNamesNotUnique1764700000000')).rejects.toThrow(/accounts_name_key/);
      await dataSource.query('DELETE FROM accounts WHERE lower(name) = $1 AND id <> $2', ['shared name', first.id]);
      await undoThrough(dataSource, 'AccountNamesNotUnique1764700000000');
      await expect(insertAccount('SHARED NAME')).rejects.toThrow(/accounts_name_key/);
      expect(await migrate(dataSource)).toEqual([
        'AccountNamesNotUnique1764700000000',
        'ChangeOutbox1764800000000',
        'RowLevelSecurity1764900000000',
        'Webhooks1765100000000',
        'BillingStatements1765200000000',
        'TenantUsage1765300000000',
        'TenantInternalDomains1765400000000',
        'ScimColumns1765600000000',
        'GrantExpiry1765700000000',
        'UserImports1765800000000',
        'LifecyclePolicies1765900000000',
        'DistributableKeys1766000000000',
      ]);
      await insertAccount('SHARED NAME');
      await dataSource.query('DELETE FROM accounts');
    } finally {
      await dataSource.destroy();
    }
  });

  it('erase the typed usernames of login attempts, existing ones and those the previous release still writes', async () => {
    const dataSource = await createDataSource({ url, poolSize: 2 }).initialize();
    const runner = dataSource.createQueryRunner();
    const migration = new LoginAttemptUsernameHashes1764400000000();
    const tenant = await dataSource.query(
      `WITH a AS (INSERT INTO accounts (id, name, subscription_model, aggregation)
                  VALUES (gen_random_uuid(), 'typed names', 'named', 'sum') RETURNING id),
            e AS (INSERT INTO environments (id, account_id, name, kind)
                  SELECT gen_random_uuid(), id, 'p', 'production' FROM a RETURNING id, account_id)
       INSERT INTO tenants (id, account_id, environment_id, name)
       SELECT gen_random_uuid(), account_id, id, 't' FROM e RETURNING id`,
    );
    const insertTyped = (username: string) =>
      dataSource.query(
        `INSERT INTO login_attempts (id, tenant_id, user_id, username, result, ip)
         VALUES (gen_random_uuid(), $1, NULL, $2, 'invalid-user', '192.0.2.1')`,
        [tenant[0].id, username],
      );
    try {
      await migration.down(runner);
      await insertTyped('my password typed as a username');
      await migration.up(runner);
      // A pod of the previous release, during a rolling update, still sends the text: it is dropped on the way in.
      await insertTyped('another password');
      const rows = await dataSource.query('SELECT username, username_hash FROM login_attempts ORDER BY id');
      expect(rows).toEqual([
        { username: null, username_hash: null },
        { username: null, username_hash: null },
      ]);
    } finally {
      await runner.release();
      await dataSource.destroy();
    }
  });

  it('RowLevelSecurity rolls back to plain tables without grants, and comes back', async () => {
    const dataSource = await createDataSource({ url, poolSize: 2 }).initialize();
    const state = async () =>
      (await dataSource.query(
        `SELECT c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
                (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies,
                has_table_privilege('roster_api', c.oid, 'SELECT') AS api,
                has_table_privilege('roster_worker', c.oid, 'DELETE') AS worker
           FROM pg_class c WHERE c.oid = ANY ('{end_users,audit_events}'::regclass[]) ORDER BY c.relname`,
      )) as object[];
    try {
      await undoThrough(dataSource, 'RowLevelSecurity1764900000000');
      const none = { enabled: false, forced: false, policies: 0, api: false, worker: false };
      expect(await state()).toEqual([none, none]);
      // The roles stay: other databases of the cluster may hold grants to them.
      const roles = await dataSource.query(
        `SELECT rolname FROM pg_roles WHERE rolname IN ('roster_api', 'roster_worker') ORDER BY 1`,
      );
      expect(roles).toEqual([{ rolname: 'roster_api' }, { rolname: 'roster_worker' }]);
      expect(await migrate(dataSource)).toEqual([
        'RowLevelSecurity1764900000000',
        'Webhooks1765100000000',
        'BillingStatements1765200000000',
        'TenantUsage1765300000000',
        'TenantInternalDomains1765400000000',
        'ScimColumns1765600000000',
        'GrantExpiry1765700000000',
        'UserImports1765800000000',
        'LifecyclePolicies1765900000000',
        'DistributableKeys1766000000000',
      ]);
      const secured = { enabled: true, forced: true, policies: 2, api: true, worker: true };
      expect(await state()).toEqual([secured, secured]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('GrantExpiry rolls back without the grants that expire (the previous release could not end them), and comes back', async () => {
    const dataSource = await createDataSource({ url, poolSize: 2 }).initialize();
    const [tenant] = await createAccount(dataSource, 1);
    const grants = async () =>
      (await dataSource.query(
        `SELECT (SELECT count(*)::int FROM user_roles WHERE tenant_id = $1) AS direct,
                (SELECT count(*)::int FROM group_roles WHERE tenant_id = $1) AS "group"`,
        [tenant!.tenantId],
      )) as object[];
    const expiryIndexes = async () =>
      (
        await dataSource.query(
          `SELECT indexname FROM pg_indexes WHERE indexname LIKE '%roles_expiry_idx' ORDER BY indexname`,
        )
      ).map((row: { indexname: string }) => row.indexname);
    try {
      await seedTenantRows(dataSource, tenant!);
      await dataSource.query(`UPDATE group_roles SET expires_at = now() + interval '1 day' WHERE tenant_id = $1`, [
        tenant!.tenantId,
      ]);
      expect(await expiryIndexes()).toEqual(['group_roles_expiry_idx', 'user_roles_expiry_idx']);
      await undoThrough(dataSource, 'GrantExpiry1765700000000');
      expect(await grants()).toEqual([{ direct: 1, group: 0 }]);
      expect(await expiryIndexes()).toEqual([]);
      // Later migrations were undone with it and run again after it.
      expect((await migrate(dataSource))[0]).toBe('GrantExpiry1765700000000');
      const [kept] = await dataSource.query('SELECT expires_at FROM user_roles WHERE tenant_id = $1', [
        tenant!.tenantId,
      ]);
      expect(kept).toEqual({ expires_at: null });
      expect(await expiryIndexes()).toEqual(['group_roles_expiry_idx', 'user_roles_expiry_idx']);
    } finally {
      await dataSource.query('DELETE FROM audit_events WHERE account_id = $1', [tenant!.accountId]);
      await dataSource.query('DELETE FROM accounts WHERE id = $1', [tenant!.accountId]);
      await dataSource.destroy();
    }
  });

  it('DistributableKeys moves the events of no tenant out of audit_events, keeps the foreign keys, and rolls back', async () => {
    const dataSource = await createDataSource({ url, poolSize: 2 }).initialize();
    const [tenant] = await createAccount(dataSource, 1);
    const { accountId, tenantId } = tenant!;
    const [ofTenant, ofAccount, outboxId] = [newId(), newId(), newId()];
    const trail = async () =>
      (await dataSource.query(
        `SELECT 'tenant' AS kind, id, tenant_id FROM audit_events WHERE id = ANY($1)
         UNION ALL SELECT 'account', id, NULL FROM account_audit_events WHERE id = ANY($1) ORDER BY 1`,
        [[ofTenant, ofAccount]],
      )) as object[];
    try {
      const rows = await seedTenantRows(dataSource, tenant!);
      await dataSource.query('DELETE FROM account_audit_events WHERE account_id = $1', [accountId]);
      await undoThrough(dataSource, 'DistributableKeys1766000000000');
      await dataSource.query(
        `INSERT INTO audit_events (id, account_id, tenant_id, actor_type, action, target_type, target_id)
         VALUES ($1, $3, $4, 'system', 'user.created', 'user', $1), ($2, $3, NULL, 'system', 'environment.updated',
                 'environment', $2)`,
        [ofTenant, ofAccount, accountId, tenantId],
      );
      await dataSource.query(
        `INSERT INTO outbox_events (id, account_id, tenant_id, type, event) VALUES ($1, $2, $3, 'user.created', $4)`,
        [outboxId, accountId, tenantId, { tenantId }],
      );
      expect(await migrate(dataSource)).toEqual(['DistributableKeys1766000000000']);
      expect(await trail()).toEqual([
        { kind: 'account', id: ofAccount, tenant_id: null },
        { kind: 'tenant', id: ofTenant, tenant_id: tenantId },
      ]);
      // The composite foreign keys now reference the new primary keys, as strictly and with the same cascades.
      await expect(
        dataSource.query('INSERT INTO group_members (tenant_id, group_id, user_id) VALUES ($1, $2, $3)', [
          tenantId,
          rows.groupId,
          newId(),
        ]),
      ).rejects.toThrow(/group_members_tenant_id_user_id_fkey/);
      await dataSource.query('DELETE FROM end_users WHERE tenant_id = $1 AND id = $2', [tenantId, rows.userId]);
      expect(await dataSource.query('SELECT 1 FROM group_members WHERE tenant_id = $1', [tenantId])).toEqual([]);

      await undoThrough(dataSource, 'DistributableKeys1766000000000');
      const [restored] = await dataSource.query('SELECT tenant_id FROM outbox_events WHERE id = $1', [outboxId]);
      expect(restored).toEqual({ tenant_id: tenantId });
      const back = await dataSource.query('SELECT id, tenant_id FROM audit_events WHERE account_id = $1 ORDER BY id', [
        accountId,
      ]);
      expect(back).toEqual(
        expect.arrayContaining([
          { id: ofTenant, tenant_id: tenantId },
          { id: ofAccount, tenant_id: null },
        ]),
      );
      expect(await tables()).not.toContain('account_audit_events');
      expect(await migrate(dataSource)).toEqual(['DistributableKeys1766000000000']);
    } finally {
      await dataSource.query('DELETE FROM outbox_events WHERE id = $1', [outboxId]);
      await dataSource.query('DELETE FROM audit_events WHERE account_id = $1', [accountId]);
      await dataSource.query('DELETE FROM account_audit_events WHERE account_id = $1', [accountId]);
      await dataSource.query('DELETE FROM accounts WHERE id = $1', [accountId]);
      await dataSource.destroy();
    }
  });

  it('RowLevelSecurity creates its roles once when several databases migrate at the same moment', async () => {
    const role = `roster_test_role_${randomBytes(4).toString('hex')}`;
    const clients = [1, 2, 3, 4].map(() => new pg.Client({ connectionString: url }));
    await Promise.all(clients.map((client) => client.connect()));
    try {
      // Each in a transaction of its own, as each database's migration runs: the first to create the role holds
      // it uncommitted for a moment, while the others' CREATE ROLE waits on it and then finds it taken.
      await Promise.all(clients.map((client) => client.query('BEGIN')));
      await Promise.all(
        clients.map(async (client) => {
          await client.query(ensureGroupRole(role));
          await new Promise((resolve) => setTimeout(resolve, 100));
          await client.query('COMMIT');
        }),
      );
      const { rows } = await clients[0]!.query(
        'SELECT rolcanlogin, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1',
        [role],
      );
      expect(rows).toEqual([{ rolcanlogin: false, rolsuper: false, rolbypassrls: false }]);
      // A role that could bypass the policies is refused, not silently used.
      await clients[0]!.query(`ALTER ROLE ${role} BYPASSRLS`);
      await expect(clients[1]!.query(ensureGroupRole(role))).rejects.toThrow(
        /BYPASSRLS, which voids row-level security/,
      );
    } finally {
      await clients[0]!.query(`DROP ROLE IF EXISTS ${role}`);
      await Promise.all(clients.map((client) => client.end()));
    }
  });

  it('db:reset drops everything and migrates from scratch', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(
      `INSERT INTO accounts (id, name, subscription_model, aggregation) VALUES (gen_random_uuid(), 'x', 'named', 'sum')`,
    );
    await client.end();
    const { stdout } = await run('node', [cli, 'reset'], { env: { ...process.env, DATABASE_URL: url } });
    expect(stdout).toContain(`Ran ${MIGRATIONS.length} migration(s)`);
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const { rows } = await check.query('SELECT count(*)::int AS n FROM accounts');
    await check.end();
    expect(rows[0].n).toBe(0);
    const again = await run('node', [cli, 'migrate'], { env: { ...process.env, DATABASE_URL: url } });
    expect(again.stdout).toContain('up to date');
  });

  it('UsernameKeys backfills normalized keys, non-ASCII ones too, and parks the later of names that now collide', async () => {
    const dataSource = await createDataSource({ url, poolSize: 2 }).initialize();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await undoThrough(dataSource, 'UsernameKeys1764600000000');
      const { rows: ids } = await client.query(`
        WITH a AS (INSERT INTO accounts (id, name, subscription_model, aggregation)
                   VALUES (gen_random_uuid(), 'keys', 'named', 'sum') RETURNING id),
             e AS (INSERT INTO environments (id, account_id, name, kind)
                   SELECT gen_random_uuid(), id, 'prod', 'production' FROM a RETURNING id)
        INSERT INTO tenants (id, account_id, environment_id, name)
        SELECT gen_random_uuid(), a.id, e.id, 'acme' FROM a, e RETURNING id`);
      const tenantId = ids[0].id as string;
      // Distinct under the old rule (lower(username)), in the order created.
      const users = [
        'Ada.Lovelace',
        'Straße',
        'STRASSE',
        'jos\u00e9',
        'jose\u0301',
        '\uff21\uff24\uff21',
        'ada',
        '\u0130rise',
        '\ufdfa'.repeat(100),
      ];
      for (const [i, username] of users.entries()) {
        await client.query(
          `INSERT INTO end_users (id, tenant_id, kind, username, created_at)
           VALUES (gen_random_uuid(), $1, 'registered', $2, now() + $3 * interval '1 second')`,
          [tenantId, username, i],
        );
      }
      await client.query(
        `INSERT INTO end_users (id, tenant_id, kind, created_at)
         VALUES (gen_random_uuid(), $1, 'anonymous', now() + interval '1 minute')`,
        [tenantId],
      );
      for (const [i, username] of ['Grace', 'GRACE\u200b', '\uff27race'].entries()) {
        await client.query(
          `INSERT INTO operators (id, username, password_hash, role, created_at)
           VALUES (gen_random_uuid(), $1, 'x', 'platform-admin', now() + $2 * interval '1 second')`,
          [username, i],
        );
      }

      expect(await migrate(dataSource)).toContain('UsernameKeys1764600000000');

      const { rows } = await client.query(
        `SELECT username, username_key AS key, username_sort AS sort FROM end_users ORDER BY created_at`,
      );
      const parked = (key: string) => key.startsWith('\u0001');
      expect(rows.map((row) => [row.username, parked(row.key ?? '') ? 'parked' : row.key])).toEqual([
        ['Ada.Lovelace', 'ada.lovelace'],
        ['Straße', 'strasse'],
        ['STRASSE', 'parked'],
        ['jos\u00e9', 'jos\u00e9'],
        ['jose\u0301', 'parked'],
        ['\uff21\uff24\uff21', 'ada'],
        ['ada', 'parked'],
        ['\u0130rise', 'i\u0307rise'],
        ['\ufdfa'.repeat(100), 'parked'],
        [null, null],
      ]);
      expect(rows.find((row) => row.username === 'ada').sort).toBe('ada');
      expect([...rows.at(-2).sort]).toHaveLength(100);
      expect(rows.at(-1).sort).toBe('');
      const operators = await client.query(`SELECT username_key AS key FROM operators ORDER BY created_at`);
      expect(operators.rows.map((row) => (parked(row.key) ? 'parked' : row.key))).toEqual([
        'grace',
        'grace\u200b',
        'parked',
      ]);
      // A parked user keeps its key through other edits, and gets its name's key once renamed.
      const repository = dataSource.getRepository(EndUser);
      const strasse = await repository.findOneByOrFail({ username: 'STRASSE' });
      strasse.name = 'Renamed Later';
      await repository.save(strasse);
      expect(parked((await repository.findOneByOrFail({ id: strasse.id })).usernameKey!)).toBe(true);
      strasse.username = 'Strasse.2';
      await repository.save(strasse);
      expect(await repository.findOneByOrFail({ id: strasse.id })).toMatchObject({
        usernameKey: 'strasse.2',
        usernameSort: 'strasse.2',
      });
      // The new unique indexes hold: a second 'strasse' in the tenant is refused.
      await expect(
        client.query(
          `INSERT INTO end_users (id, tenant_id, kind, username, username_key) VALUES (gen_random_uuid(), $1, 'registered', 'x', 'strasse')`,
          [tenantId],
        ),
      ).rejects.toThrow(/end_users_username_key/);
    } finally {
      await client.end();
      await dataSource.destroy();
    }
  });
});
