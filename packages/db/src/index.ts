export * from './entities/index.js';
export { createDataSource, dataSourceOptions, DEFAULT_DATABASE_URL, type DataSourceOptions } from './data-source.js';
export { pendingMigrations } from './pending-migrations.js';
export { createMigratedTemplate, dropDatabase, ensureDatabase, migrate, recreateDatabase } from './setup.js';
export { TenantScopedRepository, type ScopedWhere, type TenantOwned } from './tenant-scoped.js';
export { LICENSE_DOMAIN_SQL, LICENSE_EMAIL_SQL_PATTERN, LICENSE_IDENTITY_SQL } from './usage-columns.js';
export { apiKeyNameTaken, lockAccountApiKeyNames } from './queries/api-keys.js';
export {
  latestAccountSnapshot,
  latestAccountTotals,
  type LatestAccountTotals,
  NEWEST_DATA_FIRST,
  newestAccountDataAsOf,
} from './queries/account-usage.js';
export { purgeExpiredSessions, purgeLoginAttemptsOlderThan } from './queries/maintenance.js';
export { usersByUsernameHash } from './queries/login-attempts.js';
export { actorDisplayName, findOperatorByUsername, replaceOperatorPasswordHash } from './queries/operators.js';
export {
  currentTenantSigningKey,
  endSigningTerms,
  eraseEndedPrivateKeys,
  lockTenantSigningKeys,
  privateKeysWrappedByOtherThan,
  publishedSigningKeys,
  replaceWrappedDataKey,
  retireSharedSigningKeys,
  type SigningKeyWithPrivateHalf,
  type StoredPrivateKey,
} from './queries/signing-keys.js';
export { emailTakenInTenant } from './queries/end-users.js';
export { USERNAME_SORT_LENGTH, usernameColumns } from './username-columns.js';
