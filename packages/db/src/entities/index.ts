import { Account } from './account.entity.js';
import { ApiKey } from './api-key.entity.js';
import { Application } from './application.entity.js';
import { AccountAuditEvent, AuditEvent } from './audit-event.entity.js';
import { EndUser } from './end-user.entity.js';
import { Environment } from './environment.entity.js';
import { GroupMember, GroupRole, UserRole } from './grants.entity.js';
import { LoginAttempt } from './login-attempt.entity.js';
import { Operator } from './operator.entity.js';
import { Role } from './role.entity.js';
import { OperatorSession } from './session.entity.js';
import { SharedSigningKey, SigningKey } from './signing-key.entity.js';
import { Tenant } from './tenant.entity.js';
import { AccountUsage, EnvironmentUsage, UsageStatement } from './usage.entity.js';
import { UserGroup } from './user-group.entity.js';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity.js';

export {
  Account,
  AccountAuditEvent,
  AccountUsage,
  ApiKey,
  Application,
  AuditEvent,
  EndUser,
  Environment,
  EnvironmentUsage,
  GroupMember,
  GroupRole,
  LoginAttempt,
  Operator,
  OperatorSession,
  Role,
  SharedSigningKey,
  SigningKey,
  Tenant,
  UserGroup,
  UsageStatement,
  UserRole,
  WebhookDelivery,
  WebhookEndpoint,
};
export type { StoredSecret } from './webhook.entity.js';
export type { EndUserKind } from './end-user.entity.js';
export type { LoginResult } from './login-attempt.entity.js';
export type { EnvironmentKind } from './environment.entity.js';
export type { UsageEnvironmentEntry } from './usage.entity.js';
export { newId } from './base.js';

export const ENTITIES = [
  Account,
  AccountAuditEvent,
  AccountUsage,
  ApiKey,
  Application,
  AuditEvent,
  EndUser,
  Environment,
  EnvironmentUsage,
  GroupMember,
  GroupRole,
  LoginAttempt,
  Operator,
  OperatorSession,
  Role,
  SharedSigningKey,
  SigningKey,
  Tenant,
  UserGroup,
  UsageStatement,
  UserRole,
  WebhookDelivery,
  WebhookEndpoint,
];
