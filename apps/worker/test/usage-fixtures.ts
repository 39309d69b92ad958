import { randomUUID } from 'node:crypto';
import { classifyUser, type CountableUser, type Subscription } from '@roster/domain';
import type { DataSource } from 'typeorm';

/** Test data for usage counting: environments of tenants of users, inserted with plain SQL. */
export interface TenantFixture {
  domains: string[];
  users: CountableUser[];
}

export interface EnvironmentFixture {
  name: string;
  kind: 'production' | 'non-production';
  classifyAllInternal?: boolean;
  domains: string[];
  tenants: TenantFixture[];
}

export const user = (email: string | null, username: string, isActive = true): CountableUser => ({
  kind: 'registered',
  isActive,
  email,
  username,
});

export const ANONYMOUS: CountableUser = { kind: 'anonymous', isActive: true, email: null, username: null };

/** The pure rule for one fixture user: what the worker's SQL must agree with. */
export function classify(environment: EnvironmentFixture, tenant: TenantFixture, u: CountableUser) {
  return classifyUser(u, {
    classifyAllInternal: environment.classifyAllInternal ?? false,
    environmentDomains: environment.domains,
    tenantDomains: tenant.domains,
  });
}

/** Inserts the account and its environments, tenants and users; returns the ids by environment name. */
export async function seedAccount(
  db: DataSource,
  subscription: Subscription,
  environments: readonly EnvironmentFixture[],
): Promise<{ accountId: string; environmentIds: string[]; byName: Map<string, string> }> {
  const accountId = randomUUID();
  await db.query(
    `INSERT INTO accounts (id, name, subscription_model, internal_limit, external_limit, named_limit, aggregation)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      accountId,
      `acct-${accountId}`,
      subscription.model,
      subscription.internalLimit,
      subscription.externalLimit,
      subscription.namedLimit,
      subscription.aggregation,
    ],
  );
  const byName = new Map<string, string>();
  for (const environment of environments) {
    const environmentId = randomUUID();
    byName.set(environment.name, environmentId);
    await db.query(
      `INSERT INTO environments (id, account_id, name, kind, classify_all_internal, internal_domains)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        environmentId,
        accountId,
        environment.name,
        environment.kind,
        environment.classifyAllInternal ?? false,
        environment.domains,
      ],
    );
    for (const [index, tenant] of environment.tenants.entries()) {
      const tenantId = randomUUID();
      await db.query(
        `INSERT INTO tenants (id, account_id, environment_id, name, internal_domains) VALUES ($1, $2, $3, $4, $5)`,
        [tenantId, accountId, environmentId, `t${index}`, tenant.domains],
      );
      for (const u of tenant.users) {
        await db.query(
          `INSERT INTO end_users (id, tenant_id, kind, username, email, is_active) VALUES ($1, $2, $3, $4, $5, $6)`,
          [randomUUID(), tenantId, u.kind, u.username, u.email, u.isActive],
        );
      }
    }
  }
  return { accountId, environmentIds: [...byName.values()], byName };
}
