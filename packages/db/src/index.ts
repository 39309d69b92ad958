export * from './entities/index.js';
export { createDataSource, type DatabaseRole, dataSourceOptions, type DataSourceOptions } from './data-source.js';
export { DATABASE_ROLES } from './migrations/1764900000000-row-level-security.js';
export { pendingMigrations } from './pending-migrations.js';
export { createMigratedTemplate, dropDatabase, ensureDatabase, migrate, recreateDatabase } from './setup.js';
export { TenantScopedRepository, type ScopedWhere, type TenantOwned } from './tenant-scoped.js';
export { LICENSE_DOMAIN_SQL, LICENSE_EMAIL_SQL_PATTERN, LICENSE_IDENTITY_SQL } from './usage-columns.js';
export {
  isInternalSql,
  LICENSE_ALIASES,
  type LicenseAliases,
  licenseClassCondition,
  licenseClassPredicates,
  licenseClassSql,
} from './license-class-sql.js';
export {
  apiKeyNameTaken,
  apiKeysOfAccount,
  deleteApiKey,
  insertApiKey,
  lockAccountApiKeyNames,
} from './queries/api-keys.js';
export {
  latestAccountSnapshot,
  latestAccountTotals,
  type LatestAccountTotals,
  NEWEST_DATA_FIRST,
  newestOtherAccountSnapshot,
} from './queries/account-usage.js';
export { purgeExpiredSessions, purgeLoginAttemptsOlderThan } from './queries/maintenance.js';
export { tenantsWithExpiredGrants } from './queries/grant-expiry.js';
export { CredentialsRepository, type TokenHolder } from './repositories/credentials.repository.js';
export { emailTakenInTenant } from './queries/end-users.js';
export { USERNAME_SORT_LENGTH, usernameColumns } from './username-columns.js';
export { accountNameTakenByAnother } from './queries/accounts.js';
export { holdTransactionLock } from './queries/locks.js';
export {
  type DeclaredRole,
  replaceDeclaredRoles,
  roleKeysOfOtherApplications,
  rolesOfEnvironment,
} from './queries/roles.js';
export * from './unit-of-work/index.js';
export { EndUsersRepository } from './repositories/end-users.repository.js';
export {
  type LockedScimUser,
  type ScimUserFields,
  type ScimUserPaging,
  type ScimUserQuery,
  type ScimUserRow,
  ScimUsersRepository,
} from './repositories/scim-users.repository.js';
export { type ScimGroupRow, ScimGroupsRepository, scimGroupFilterSql } from './repositories/scim-groups.repository.js';
export { EnvironmentRolesRepository } from './repositories/environment-roles.repository.js';
export { found, InputRejected, RecordNotFound, type RejectedField } from './repositories/errors.js';
export {
  applyKeyset,
  type KeysetOrder,
  keysetIds,
  likePattern,
  mapPage,
  type Page,
  type PageQuery,
  paginate,
  paginateAsJson,
} from './keyset.js';
export {
  type GroupFilter,
  type CountedGroup,
  GroupMembersRepository,
  GroupsRepository,
} from './repositories/groups.repository.js';
export {
  type GrantWrite,
  type GroupGrant,
  GrantsRepository,
  type RemovedGrant,
  type StoredRoleState,
} from './repositories/grants.repository.js';
export { type UserListPage, type UserListStatements } from './repositories/end-users.repository.js';
export { USER_SORT_ORDERS, type UserListFilter, type UserSort } from './repositories/end-user-list.js';
export {
  USER_EXPORT_COLUMNS,
  USER_EXPORT_CSV_HEADER,
  USER_EXPORT_FORMATS,
  type UserExportFormat,
  UserExportRepository,
} from './repositories/user-export.repository.js';
export { type TextStreamOptions } from './unit-of-work/cursor-text.js';
export { type JsonPageOptions, jsonPageQuery } from './keyset.js';
export { AccountsRepository } from './repositories/accounts.repository.js';
export { ApplicationsRepository } from './repositories/applications.repository.js';
export { EnvironmentsRepository } from './repositories/environments.repository.js';
export { TenantsRepository } from './repositories/tenants.repository.js';
export { ApiKeysRepository } from './repositories/api-keys.repository.js';
export { OperatorsRepository } from './repositories/operators.repository.js';
export { type ScopeKind, type ScopeOwner, ScopesRepository } from './repositories/scopes.repository.js';
export { type LoginAttemptRecord, LoginAttemptsRepository } from './repositories/login-attempts.repository.js';
export {
  type RewrappedDataKey,
  SigningKeyMaintenance,
  type SigningKeyWithPrivateHalf,
  type StoredPrivateKey,
  TenantSigningKeysRepository,
  type WrappedPrivateKey,
} from './repositories/signing-keys.repository.js';
export { type AuditFilter, AuditRepository, type NamedAuditEvent } from './repositories/audit.repository.js';
export { type EnvironmentLatestUsage, type UsagePeak, UsageRepository } from './repositories/usage.repository.js';
export {
  TENANT_USAGE_SORTS,
  type TenantLatestUsage,
  type TenantUsageFilter,
  type TenantUsageSort,
  TenantUsageRepository,
} from './repositories/tenant-usage.repository.js';
export {
  accountLicensedTotals,
  type AccountSnapshot,
  countEnvironment,
  ENVIRONMENT_READING_SQL,
  EnvironmentNotFoundError,
  type EnvironmentReading,
  type Queryable,
  type TenantCounts,
  readAtOneInstant,
  UsageCountsRepository,
} from './repositories/usage-counts.js';
export {
  EnvironmentLifecyclePoliciesRepository,
  type LifecycleRun,
  type RunStart,
  type StoredLifecyclePolicy,
  TenantLifecycleRepository,
} from './repositories/lifecycle-policies.repository.js';
export {
  type LifecyclePreview,
  type LifecyclePreviewInput,
  type LifecyclePreviewUser,
  lifecyclePreviewSql,
  lifecyclePreviewStatement,
  previewLifecycle,
  tenantsOfEnvironmentPolicy,
} from './repositories/lifecycle-preview.js';
export { LifecycleScheduleRepository, type TenantToRun } from './repositories/lifecycle-schedule.repository.js';
export {
  type DeliveryFilter,
  type NewWebhookEndpoint,
  type WebhookEndpointChanges,
  WebhooksRepository,
} from './repositories/webhooks.repository.js';
export {
  type DeliveryAttempt,
  type MessageOutcome,
  type MessageToDeliver,
  WebhookDispatchRepository,
} from './repositories/webhook-dispatch.repository.js';
export {
  type AccountPeriodSnapshot,
  type AccountToClose,
  type EnvironmentPeriodSnapshot,
  type PeriodSnapshots,
  type TenantPeriodSnapshot,
  StatementsRepository,
} from './repositories/statements.repository.js';
export { scimUserFilterSql, scimUserOrderBySql, scimUserWhereSql } from './scim-user-filter.js';
export {
  type ImportError,
  type ImportPage,
  type NewUserImport,
  type UserImportRecord,
  UserImportsRepository,
} from './repositories/user-imports.repository.js';
export {
  type AppliedBatch,
  type ImportPrediction,
  ImportStaging,
  type StagedRow,
  type UserJson,
} from './repositories/user-import-staging.js';
export { UserImportRetentionRepository } from './repositories/user-import-retention.repository.js';
