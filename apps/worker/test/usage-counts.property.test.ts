import { randomUUID } from 'node:crypto';
import {
  accountTotals,
  addCounts,
  classifyUser,
  countClasses,
  isLicenseEmail,
  licenseDomain,
  licenseIdentity,
  type Aggregation,
  type CountableUser,
  type LicensedRecord,
  USAGE_CLASSES,
  type UsageClass,
} from '@roster/domain';
import { EndUsersRepository, LICENSE_EMAIL_SQL_PATTERN } from '@roster/db';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountLicensedTotals, countEnvironment } from '@roster/db';
import { createTestEnv, type TestEnv } from './harness.js';

/**
 * DESIGN.md §3: the worker's counting SQL (over end_users' generated license columns) agrees with
 * the pure rules of @roster/domain on random data, including data the API would refuse.
 * Letters whose full Unicode case mapping differs between the engines (final sigma, dotted I) are
 * generated on purpose: the rules fold ASCII letters only, so both sides must still agree.
 */

const DOMAINS = ['acme.com', 'globex.example', 'hr.acme.com', 'other.org'];
const EMAILS = [
  null,
  '',
  'x@acme.com',
  'X@ACME.COM',
  'x@acme.com.',
  'x@Acme.Com..',
  'y@hr.acme.com',
  'z@globex.example',
  'q@other.org',
  'n@nowhere.net',
  'foo',
  'a@b',
  'a@b@acme.com',
  'sp ace@acme.com',
  'tab\t@acme.com',
  'Ünï@ACME.com',
  'nb\u00a0sp@acme.com',
  'ΑΣ@ACME.COM',
  'İ@acme.com',
];
const USERNAMES = [
  'alice',
  'Bob',
  'x@acme.com',
  'X@ACME.COM',
  'y@HR.acme.com',
  'z@globex.example.',
  'q@other.org',
  'a@b',
  'foo bar@acme.com',
];

type UserData = CountableUser;
interface TenantData {
  domains: string[];
  users: UserData[];
}
interface EnvironmentData {
  kind: 'production' | 'non-production';
  classifyAllInternal: boolean;
  domains: string[];
  tenants: TenantData[];
}

/** Characters that stress the address pattern: separators, case, and whitespace both engines must agree on. */
const ODD_CHARACTERS = [
  'a',
  'X',
  'Ü',
  'Σ',
  'İ',
  '@',
  '.',
  ' ',
  '\t',
  '\n',
  '\u00a0',
  '\u2003',
  '\u3000',
  '\ufeff',
  '\u200b',
];
const oddString = (minLength: number) =>
  fc.string({ unit: fc.constantFrom(...ODD_CHARACTERS), minLength, maxLength: 12 });
const emailArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...EMAILS) }, { weight: 1, arbitrary: oddString(0) });
const usernameArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...USERNAMES) },
  { weight: 1, arbitrary: oddString(1) },
);
const domainList = fc.subarray(DOMAINS);
const userArb: fc.Arbitrary<UserData> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc
      .record({ isActive: fc.boolean() })
      .map((u) => ({ ...u, kind: 'anonymous' as const, username: null, email: null })),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('registered' as const),
      isActive: fc.boolean(),
      email: emailArb,
      username: usernameArb,
    }),
  },
);
/** Usernames are unique per tenant, case-insensitively (end_users_username_key). */
function uniqueUsernames(users: UserData[]): UserData[] {
  const seen = new Set<string>();
  return users.filter((user) => {
    if (user.username === null) return true;
    const key = user.username.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
const tenantArb: fc.Arbitrary<TenantData> = fc.record({
  domains: domainList,
  users: fc.array(userArb, { maxLength: 8 }).map(uniqueUsernames),
});
const environmentArb: fc.Arbitrary<EnvironmentData> = fc.record({
  kind: fc.constantFrom('production' as const, 'non-production' as const),
  classifyAllInternal: fc.constantFrom(false, false, true),
  domains: domainList,
  tenants: fc.array(tenantArb, { maxLength: 3 }),
});
const accountArb = fc.array(environmentArb, { minLength: 1, maxLength: 3 });

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.cleanup();
});

/** A user as inserted, with the class the domain's rules give it. */
interface InsertedUser {
  id: string;
  tenantId: string;
  expected: UsageClass;
}

/** Inserts the data set in a fresh account; returns the account's, environments', tenants' and users' ids. */
async function insert(
  environments: EnvironmentData[],
): Promise<{ accountId: string; environmentIds: string[]; tenantIds: string[][]; users: InsertedUser[] }> {
  const accountId = randomUUID();
  const environmentIds: string[] = [];
  const tenantIds: string[][] = [];
  const users: InsertedUser[] = [];
  await env.db.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO accounts (id, name, subscription_model, aggregation) VALUES ($1, $2, 'named', 'sum')`,
      [accountId, `account ${accountId}`],
    );
    for (const [index, environment] of environments.entries()) {
      const environmentId = randomUUID();
      environmentIds.push(environmentId);
      tenantIds.push([]);
      await manager.query(
        `INSERT INTO environments (id, account_id, name, kind, classify_all_internal, internal_domains)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          environmentId,
          accountId,
          `env ${index}`,
          environment.kind,
          environment.classifyAllInternal,
          environment.domains,
        ],
      );
      for (const [tenantIndex, tenant] of environment.tenants.entries()) {
        const tenantId = randomUUID();
        tenantIds.at(-1)!.push(tenantId);
        await manager.query(
          `INSERT INTO tenants (id, account_id, environment_id, name, internal_domains) VALUES ($1, $2, $3, $4, $5)`,
          [tenantId, accountId, environmentId, `tenant ${tenantIndex}`, tenant.domains],
        );
        for (const user of tenant.users) {
          const id = randomUUID();
          await manager.query(
            `INSERT INTO end_users (id, tenant_id, kind, username, email, is_active) VALUES ($1, $2, $3, $4, $5, $6)`,
            [id, tenantId, user.kind, user.username, user.email, user.isActive],
          );
          const expected = classifyUser(user, {
            classifyAllInternal: environment.classifyAllInternal,
            environmentDomains: environment.domains,
            tenantDomains: tenant.domains,
          });
          users.push({ id, tenantId, expected });
        }
      }
    }
  });
  return { accountId, environmentIds, tenantIds, users };
}

function expectedRecords(environments: EnvironmentData[]): LicensedRecord[] {
  const records: LicensedRecord[] = [];
  for (const environment of environments.filter((e) => e.kind === 'production')) {
    for (const tenant of environment.tenants) {
      for (const user of tenant.users) {
        const usageClass = classifyUser(user, {
          classifyAllInternal: environment.classifyAllInternal,
          environmentDomains: environment.domains,
          tenantDomains: tenant.domains,
        });
        if (usageClass === 'internal' || usageClass === 'external') {
          records.push({ identity: licenseIdentity(user) as string, usageClass });
        }
      }
    }
  }
  return records;
}

describe('usage counting SQL', () => {
  it('agrees with the domain rules per tenant, per environment and per account (sum and unique)', async () => {
    await fc.assert(
      fc.asyncProperty(accountArb, async (environments) => {
        const { accountId, environmentIds, tenantIds } = await insert(environments);
        for (const [index, environment] of environments.entries()) {
          const tenants = environment.tenants.map((tenant, tenantIndex) => ({
            tenantId: tenantIds[index]![tenantIndex]!,
            name: `tenant ${tenantIndex}`,
            ...countClasses(
              tenant.users.map((user) =>
                classifyUser(user, {
                  classifyAllInternal: environment.classifyAllInternal,
                  environmentDomains: environment.domains,
                  tenantDomains: tenant.domains,
                }),
              ),
            ),
          }));
          const reading = await countEnvironment(env.db, environmentIds[index]!);
          expect(reading.kind).toBe(environment.kind);
          // Each tenant as the rules count it …
          expect(reading.tenants).toEqual(expect.arrayContaining(tenants));
          expect(reading.tenants).toHaveLength(tenants.length);
          // … and the environment as the rules count all its users at once, which is what its tenants add up to.
          const all = countClasses(
            environment.tenants.flatMap((tenant) =>
              tenant.users.map((user) =>
                classifyUser(user, {
                  classifyAllInternal: environment.classifyAllInternal,
                  environmentDomains: environment.domains,
                  tenantDomains: tenant.domains,
                }),
              ),
            ),
          );
          const { kind: _kind, tenants: _tenants, ...counts } = reading;
          expect(counts).toEqual(all);
          expect(addCounts(reading.tenants.map(({ tenantId: _id, name: _name, ...c }) => c))).toEqual(all);
        }
        const records = expectedRecords(environments);
        for (const aggregation of ['sum', 'unique'] as Aggregation[]) {
          expect(await accountLicensedTotals(env.db, accountId, aggregation)).toEqual(
            accountTotals(aggregation, records),
          );
        }
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it('gives every user, read alone or listed and filtered, the class classifyUser gives it', async () => {
    await fc.assert(
      fc.asyncProperty(accountArb, async (environments) => {
        const { users } = await insert(environments);
        for (const tenantId of new Set(users.map((user) => user.tenantId))) {
          const inTenant = users.filter((user) => user.tenantId === tenantId);
          const repository = new EndUsersRepository(env.db.manager, tenantId);
          // What a single read answers (GET, create, update …): licenseClasses over the tenant's users.
          const read = await repository.licenseClasses(inTenant.map((user) => user.id));
          expect(Object.fromEntries(read)).toEqual(Object.fromEntries(inTenant.map((u) => [u.id, u.expected])));
          // What the list answers and keeps for each filter on one class.
          for (const usageClass of USAGE_CLASSES) {
            const page = JSON.parse(
              await repository.listAsJson({ licenseClasses: [usageClass] }, { limit: 200, sort: 'username' }),
            ) as { items: { id: string; licenseClass: UsageClass }[] };
            const expected = inTenant.filter((user) => user.expected === usageClass).map((user) => user.id);
            expect(page.items.map((item) => item.id).sort()).toEqual(expected.sort());
            expect(page.items.every((item) => item.licenseClass === usageClass)).toBe(true);
          }
        }
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it('matches addresses with the SQL pattern exactly as LICENSE_EMAIL_PATTERN does in JavaScript', async () => {
    const samples = fc
      .sample(
        fc.oneof(
          oddString(0),
          fc.string({ unit: 'binary', maxLength: 12 }),
          fc.constantFrom(...EMAILS.filter((e) => e !== null)),
        ),
        { numRuns: 2000, seed: 42 },
      )
      .filter((value) => !value.includes('\u0000'));
    const rows = (await env.db.query(`SELECT value, value ~ $2 AS valid FROM unnest($1::text[]) AS value`, [
      samples,
      LICENSE_EMAIL_SQL_PATTERN,
    ])) as { value: string; valid: boolean }[];
    expect(rows.filter((row) => row.valid !== isLicenseEmail(row.value))).toEqual([]);
  });

  it('stores license_domain and license_identity as licenseDomain and licenseIdentity compute them', async () => {
    const { accountId, environmentIds } = await insert([
      { kind: 'production', classifyAllInternal: false, domains: [], tenants: [] },
    ]);
    const expected: { email: string | null; username: string; domain: string | null; identity: string | null }[] = [];
    for (const [index, email] of EMAILS.entries()) {
      const tenantId = randomUUID();
      await env.db.query(`INSERT INTO tenants (id, account_id, environment_id, name) VALUES ($1, $2, $3, $4)`, [
        tenantId,
        accountId,
        environmentIds[0],
        `every ${index}`,
      ]);
      for (const username of uniqueUsernames(
        USERNAMES.map((name) => ({ kind: 'registered', isActive: true, email, username: name })),
      )) {
        await env.db.query(
          `INSERT INTO end_users (id, tenant_id, kind, username, email) VALUES ($1, $2, 'registered', $3, $4)`,
          [randomUUID(), tenantId, username.username, email],
        );
        expected.push({
          email,
          username: username.username!,
          domain: licenseDomain(username),
          identity: licenseIdentity(username),
        });
      }
    }
    const rows = (await env.db.query(
      `SELECT u.email, u.username, u.license_domain AS domain, u.license_identity AS identity
         FROM end_users u JOIN tenants t ON t.id = u.tenant_id WHERE t.environment_id = $1`,
      [environmentIds[0]],
    )) as typeof expected;
    expect(rows).toHaveLength(expected.length);
    expect(new Set(rows.map((row) => JSON.stringify(row)))).toEqual(
      new Set(expected.map((row) => JSON.stringify(row))),
    );
  });
});
