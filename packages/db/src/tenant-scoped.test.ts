import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source.js';
import { EndUser, GroupMember, newId, UserGroup } from './entities/index.js';
import { dropDatabase, ensureDatabase, migrate } from './setup.js';
import { TenantScopedRepository } from './tenant-scoped.js';

const SERVER = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
const url = `${SERVER}/roster_scoped_${randomBytes(4).toString('hex')}`;
let dataSource: DataSource;
const tenants = { mine: newId(), theirs: newId() };

beforeAll(async () => {
  await ensureDatabase(url);
  dataSource = await createDataSource({ url, poolSize: 2 }).initialize();
  await migrate(dataSource);
  const accountId = newId();
  const environmentId = newId();
  await dataSource.query(
    `INSERT INTO accounts (id, name, subscription_model, aggregation) VALUES ($1, 'a', 'named', 'sum')`,
    [accountId],
  );
  await dataSource.query(`INSERT INTO environments (id, account_id, name, kind) VALUES ($1, $2, 'e', 'production')`, [
    environmentId,
    accountId,
  ]);
  for (const [name, id] of Object.entries(tenants)) {
    await dataSource.query(`INSERT INTO tenants (id, account_id, environment_id, name) VALUES ($1, $2, $3, $4)`, [
      id,
      accountId,
      environmentId,
      name,
    ]);
  }
});

afterAll(async () => {
  await dataSource?.destroy();
  await dropDatabase(url);
});

const users = (tenantId: string) => new TenantScopedRepository(dataSource.manager, EndUser, tenantId);

async function addUser(tenantId: string, username: string): Promise<EndUser> {
  const repository = users(tenantId);
  return repository.save(repository.create({ kind: 'registered', username }));
}

describe('TenantScopedRepository', () => {
  it('refuses to exist without a valid tenant id, so lost scope fails closed', () => {
    for (const bad of ['', 'not-a-uuid', undefined as unknown as string]) {
      expect(() => users(bad)).toThrow(/tenant id/);
    }
  });

  it('reads, updates and deletes only its own tenant’s rows', async () => {
    const mine = await addUser(tenants.mine, 'same-name');
    const theirs = await addUser(tenants.theirs, 'same-name');

    expect(await users(tenants.mine).findOne({ id: theirs.id })).toBeNull();
    expect((await users(tenants.mine).findOne({ id: mine.id }))?.tenantId).toBe(tenants.mine);
    expect(await users(tenants.mine).exists({ id: theirs.id })).toBe(false);
    expect((await users(tenants.mine).query('u').getMany()).map((user) => user.id)).toEqual([mine.id]);

    expect(await users(tenants.mine).update({ username: 'same-name' }, { name: 'changed' })).toBe(1);
    expect((await users(tenants.theirs).findOne({ id: theirs.id }))?.name).toBeNull();
    expect(await users(tenants.mine).delete({ id: theirs.id })).toBe(0);
    expect(await users(tenants.theirs).exists({ id: theirs.id })).toBe(true);
  });

  it('stamps new rows with its tenant and refuses to save a row of another tenant', async () => {
    const created = users(tenants.mine).create({ kind: 'anonymous' });
    expect(created.tenantId).toBe(tenants.mine);
    const theirs = await addUser(tenants.theirs, 'someone');
    await expect(users(tenants.mine).save(theirs)).rejects.toThrow(/another tenant/);
  });

  it('inserts idempotently and reports only the rows really inserted', async () => {
    const user = await addUser(tenants.mine, 'member');
    const groups = new TenantScopedRepository(dataSource.manager, UserGroup, tenants.mine);
    const group = await groups.save(groups.create({ name: 'g' }));
    const members = new TenantScopedRepository(dataSource.manager, GroupMember, tenants.mine);
    expect(await members.insertIgnoringDuplicates([{ groupId: group.id, userId: user.id }])).toHaveLength(1);
    expect(await members.insertIgnoringDuplicates([{ groupId: group.id, userId: user.id }])).toHaveLength(0);
    expect(await members.insertIgnoringDuplicates([])).toEqual([]);
  });
});
