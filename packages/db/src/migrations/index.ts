import { Foundation1763800000000 } from './1763800000000-foundation.js';
import { EndUsers1763900000000 } from './1763900000000-end-users.js';
import { EndUserAuth1764000000000 } from './1764000000000-end-user-auth.js';
import { Usage1764100000000 } from './1764100000000-usage.js';
import { UserSearchIndex1764200000000 } from './1764200000000-user-search-index.js';
import { UsageDataTime1764300000000 } from './1764300000000-usage-data-time.js';
import { LoginAttemptUsernameHashes1764400000000 } from './1764400000000-login-attempt-username-hashes.js';
import { TenantSigningKeys1764500000000 } from './1764500000000-tenant-signing-keys.js';
import { UsernameKeys1764600000000 } from './1764600000000-username-keys.js';
import { AccountNamesNotUnique1764700000000 } from './1764700000000-account-names-not-unique.js';
import { ChangeOutbox1764800000000 } from './1764800000000-change-outbox.js';
import { RowLevelSecurity1764900000000 } from './1764900000000-row-level-security.js';
import { Webhooks1765100000000 } from './1765100000000-webhooks.js';
import { BillingStatements1765200000000 } from './1765200000000-billing-statements.js';
import { TenantUsage1765300000000 } from './1765300000000-tenant-usage.js';
import { TenantInternalDomains1765400000000 } from './1765400000000-tenant-internal-domains.js';
import { ScimColumns1765600000000 } from './1765600000000-scim-columns.js';
import { GrantExpiry1765700000000 } from './1765700000000-grant-expiry.js';
import { UserImports1765800000000 } from './1765800000000-user-imports.js';
import { LifecyclePolicies1765900000000 } from './1765900000000-lifecycle-policies.js';
import { DistributableKeys1766000000000 } from './1766000000000-distributable-keys.js';

/** Every migration, in order. A new one is appended here. */
export const MIGRATIONS = [
  Foundation1763800000000,
  EndUsers1763900000000,
  EndUserAuth1764000000000,
  Usage1764100000000,
  UserSearchIndex1764200000000,
  UsageDataTime1764300000000,
  LoginAttemptUsernameHashes1764400000000,
  TenantSigningKeys1764500000000,
  UsernameKeys1764600000000,
  AccountNamesNotUnique1764700000000,
  ChangeOutbox1764800000000,
  RowLevelSecurity1764900000000,
  Webhooks1765100000000,
  BillingStatements1765200000000,
  TenantUsage1765300000000,
  TenantInternalDomains1765400000000,
  ScimColumns1765600000000,
  GrantExpiry1765700000000,
  UserImports1765800000000,
  LifecyclePolicies1765900000000,
  DistributableKeys1766000000000,
];
