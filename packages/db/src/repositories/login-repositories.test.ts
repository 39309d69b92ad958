/**
 * The repositories of end-user login, signing keys, the audit trail and usage, used through a unit of work
 * on a pool held by row-level security (roster_api): they find the scope's rows and only those, which a
 * statement outside a unit of work bound to the tenant could not.
 */
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
import { SigningKey } from '../entities/signing-key.entity.js';
import type { UnitOfWork } from '../unit-of-work/unit-of-work.js';

const HASH = 'ab'.repeat(32);

let db: RlsDatabase;
let work: UnitOfWork;
let a: TenantRef;
let b: TenantRef;
const userOf = {} as Record<'a' | 'b', string>;

beforeAll(async () => {
  db = await openRlsDatabase('roster_login_repos');
  [a, b] = (await createAccount(db.owner, 2)) as [TenantRef, TenantRef];
  userOf.a = (await seedTenantRows(db.owner, a)).userId;
  userOf.b = (await seedTenantRows(db.owner, b)).userId;
  work = apiUnitOfWork(db);
});
afterAll(async () => db?.close());

describe('through the tenant’s unit of work, as roster_api', () => {
  it('a login finds its user, records its attempt and last login, and sees no other tenant’s', async () => {
    const tenantA = work.forTenant(a, SYSTEM_ACTOR);
    const user = await tenantA.read((data) => data.users.findForLogin('u'));
    expect(user?.id).toBe(userOf.a);
    const at = new Date('2026-01-02T03:04:05.000Z');
    await tenantA.run((data) =>
      data.loginAttempts.recordSuccess(
        { userId: userOf.a, usernameHash: HASH, result: 'logged-in', ip: '::1', at },
        null,
      ),
    );
    const [row] = await db.owner.query('SELECT last_login_at FROM end_users WHERE id = $1', [userOf.a]);
    expect(row.last_login_at).toEqual(at);
    const page = await tenantA.read((data) => data.loginAttempts.pageOfUser(userOf.a, { limit: 10 }));
    // The seeded attempt and this one (the seed's id is no UUIDv7, so the order between them is not known).
    expect(page.items.map((attempt) => [attempt.at, attempt.ip])).toEqual(
      expect.arrayContaining([
        [at, '::1'],
        [expect.any(Date), '192.0.2.1'],
      ]),
    );
    expect(page.items).toHaveLength(2);
    const owners = await tenantA.read((data) => data.loginAttempts.usersByUsernameHash([HASH]));
    expect(owners.get(HASH)).toEqual({ userId: userOf.a, username: 'u' });

    // B's user has the same username; through A's unit of work neither it nor its attempts exist.
    const tenantB = work.forTenant(b, SYSTEM_ACTOR);
    expect((await tenantB.read((data) => data.users.findForLogin('u')))?.id).toBe(userOf.b);
    expect(await tenantB.read((data) => data.loginAttempts.usersByUsernameHash([HASH]))).toEqual(new Map());
    expect((await tenantB.read((data) => data.loginAttempts.pageOfUser(userOf.a, { limit: 10 }))).items).toEqual([]);
  });

  it('a tenant’s signing keys are made, found and published within its own unit of work', async () => {
    const now = new Date();
    const later = new Date(now.getTime() + 60_000);
    const key = Object.assign(new SigningKey(), {
      id: `kid-${a.tenantId}`,
      tenantId: a.tenantId,
      algorithm: 'EdDSA' as const,
      publicJwk: { kty: 'OKP' },
      privateKey: Buffer.from('sealed'),
      dataKey: Buffer.from('wrapped'),
      wrappingKeyId: 'development',
      createdAt: now,
      signsUntil: later,
      publishedUntil: later,
    });
    await work.forTenant(a, SYSTEM_ACTOR).run(async ({ signingKeys }) => {
      await signingKeys.lock();
      expect(await signingKeys.current(now)).toBeNull();
      await signingKeys.insert(key);
    });
    const current = await work.forTenant(a, SYSTEM_ACTOR).read(({ signingKeys }) => signingKeys.current(now));
    expect(current).toMatchObject({ id: key.id, wrappingKeyId: 'development' });
    const published = await work.forTenant(a, SYSTEM_ACTOR).read(({ signingKeys }) => signingKeys.published(now));
    expect(published.map((k) => k.id)).toEqual([key.id]);
    expect(await work.forTenant(b, SYSTEM_ACTOR).read(({ signingKeys }) => signingKeys.current(now))).toBeNull();
    expect(await work.forTenant(b, SYSTEM_ACTOR).read(({ signingKeys }) => signingKeys.published(now))).toEqual([]);
  });

  it('the audit trail lists the account’s events at account level, and the tenant’s alone at tenant level', async () => {
    const ofAccount = await work
      .forAccount({ accountId: a.accountId }, SYSTEM_ACTOR)
      .read((data) => data.audit.list({ limit: 50 }));
    expect(ofAccount.items.map((e) => [e.action, e.tenantId]).sort()).toEqual(
      [
        ['environment.updated', null],
        ['environment.updated', null],
        ['user.created', a.tenantId],
        ['user.created', b.tenantId],
      ].sort(),
    );
    const ofTenant = await work.forTenant(a, SYSTEM_ACTOR).read((data) => data.audit.list({ limit: 50 }));
    expect(ofTenant.items.map((e) => [e.action, e.tenantId, e.actorName])).toEqual([
      ['user.created', a.tenantId, null],
    ]);
  });

  it('usage reads are held to the account: another account’s environment is not found', async () => {
    const [other] = await createAccount(db.owner, 1);
    const ofA = work.forAccount({ accountId: a.accountId }, SYSTEM_ACTOR);
    expect(await ofA.read((data) => data.usage.latestOfEnvironments())).toEqual([
      expect.objectContaining({ environmentId: a.environmentId, internal: null, dataAsOf: null }),
    ]);
    await expect(ofA.read((data) => data.usage.latestOfEnvironment(other!.environmentId))).rejects.toThrow(
      `Environment ${other!.environmentId} was not found.`,
    );
  });
});
