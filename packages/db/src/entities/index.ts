import { Account } from './account.entity.js';
import { ApiKey } from './api-key.entity.js';
import { Application } from './application.entity.js';
import { AuditEvent } from './audit-event.entity.js';
import { Environment } from './environment.entity.js';
import { Operator } from './operator.entity.js';
import { Role } from './role.entity.js';
import { OperatorSession } from './session.entity.js';
import { Tenant } from './tenant.entity.js';

export { Account, ApiKey, Application, AuditEvent, Environment, Operator, OperatorSession, Role, Tenant };
export type { EnvironmentKind } from './environment.entity.js';
export { newId } from './base.js';

export const ENTITIES = [
  Account,
  ApiKey,
  Application,
  AuditEvent,
  Environment,
  Operator,
  OperatorSession,
  Role,
  Tenant,
];
