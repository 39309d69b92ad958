import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiParam,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { ActorRole } from '@roster/domain';
import { ACCESS_EXTENSION, type AccessCase, type AccessNote, type AccessScope } from '../openapi/access.js';
import { problemSchema } from '../openapi/problem.schema.js';

/** Which path parameter names the resource a route acts on (DESIGN.md §5). */
export type ScopeParam =
  'accountId' | 'environmentId' | 'tenantId' | 'operatorId' | 'apiKeyId' | 'webhookId' | 'scimTokenId';

/** Which level each scope parameter resolves to, for the access paragraph of the docs. */
const ACCESS_SCOPES: Record<ScopeParam, AccessScope> = {
  accountId: 'account',
  operatorId: 'account',
  apiKeyId: 'account',
  webhookId: 'account',
  environmentId: 'environment',
  tenantId: 'tenant',
  scimTokenId: 'tenant',
};

export interface AccessRule {
  /** Roles allowed besides the platform admin, who may do everything. */
  roles: readonly ActorRole[];
  /** The path parameter whose resource is resolved to its account (and tenant); none for unscoped routes. */
  scope?: ScopeParam;
  /**
   * Documentation only: the roles the handler narrows `roles` to when it resolves the resource itself
   * (a job's account is known only once the job is read), so the docs state the rule callers meet; or, when the
   * rule depends on the kind of resource (a recount's job, an import's job), the rule of each kind.
   */
  narrowedInHandlerTo?: readonly ActorRole[] | { cases: readonly AccessCase[] };
}

export const ACCESS_RULE = 'roster:access-rule';
export const PUBLIC_ROUTE = 'roster:public';

/**
 * Declares who may call a route. One decorator feeds both the access guard and the
 * OpenAPI security and error responses, so the two can never disagree.
 */
export function Authenticated(rule: AccessRule): MethodDecorator & ClassDecorator {
  const responses = [
    ApiUnauthorizedResponse({ description: 'No, expired or revoked token', standardSchema: problemSchema }),
    ApiForbiddenResponse({ description: 'The caller’s role may not do this', standardSchema: problemSchema }),
  ];
  if (rule.scope) {
    // Declared here because tenant-scoped handlers read the tenant from the request context, not a @Param.
    responses.push(ApiParam({ name: rule.scope, required: true, schema: { type: 'string', format: 'uuid' } }));
    responses.push(
      ApiNotFoundResponse({ description: 'Not found, or not visible to the caller', standardSchema: problemSchema }),
    );
  }
  const narrowed = rule.narrowedInHandlerTo;
  const note: AccessNote = narrowed
    ? 'cases' in narrowed
      ? narrowed
      : { roles: narrowed, within: 'account' }
    : { roles: rule.roles, within: rule.scope ? ACCESS_SCOPES[rule.scope] : null };
  return applyDecorators(
    SetMetadata(ACCESS_RULE, rule),
    ApiBearerAuth(),
    ApiExtension(ACCESS_EXTENSION, note),
    ...responses,
  );
}

export interface PublicRule {
  /** A scope parameter still resolved (unknown → 404) and stored in the request context, with no caller. */
  scope?: 'tenantId';
}

/** A route anyone may call (logins, health, public keys). */
export function Public(rule: PublicRule = {}): MethodDecorator & ClassDecorator {
  const note: AccessNote = { public: true };
  const decorators: (MethodDecorator & ClassDecorator)[] = [
    SetMetadata(PUBLIC_ROUTE, rule),
    ApiExtension(ACCESS_EXTENSION, note),
  ];
  if (rule.scope) {
    decorators.push(
      ApiParam({ name: rule.scope, required: true, schema: { type: 'string', format: 'uuid' } }),
      ApiNotFoundResponse({ description: 'No such tenant', standardSchema: problemSchema }),
    );
  }
  return applyDecorators(...decorators);
}
