import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ScimError } from '@roster/domain';
import type { FastifyRequest } from 'fastify';
import { TokenService } from '../auth/token.service.js';
import { ScopeResolver } from '../auth/scope.resolver.js';
import { RequestContext } from '../common/request-context.js';

const TOKEN_ID = Symbol('scim token id');

/** The SCIM token a request was authenticated with, for the request log. */
export const scimTokenIdOf = (request: FastifyRequest): string | null =>
  (request as FastifyRequest & { [TOKEN_ID]?: string })[TOKEN_ID] ?? null;

/**
 * Access to a tenant's SCIM service provider: a SCIM token of that tenant and nothing else (issue 17). An API
 * key or operator session is refused here, as a SCIM token is everywhere else (the access guard); a SCIM token of
 * another tenant finds no such tenant (404), so it learns nothing of it. The token's actor and the tenant's scope
 * go into the request context like the access guard's, so the unit of work audits the token as the actor.
 */
@Injectable()
export class ScimAccessGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenService,
    private readonly scopes: ScopeResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const tenantId = (request.params as { tenantId?: string }).tenantId ?? '';
    const header = request.headers.authorization;
    const token = header ? /^Bearer +(\S+) *$/i.exec(header)?.[1] : undefined;
    const actor = token ? await this.tokens.actorFor(token) : null;
    if (!actor) {
      throw new ScimError(
        401,
        undefined,
        'Send this tenant’s SCIM token as "Authorization: Bearer <token>"; it may be missing or revoked.',
      );
    }
    if (actor.kind !== 'scim-token') {
      throw new ScimError(
        403,
        undefined,
        'Only a SCIM token works here: create one on the tenant’s Provisioning page (POST /api/v1/tenants/' +
          '{tenantId}/scim-tokens); API keys and operator sessions do not.',
      );
    }
    if (!actor.tenantIds.includes(tenantId)) {
      throw new ScimError(404, undefined, `Tenant ${tenantId} was not found.`);
    }
    (request as FastifyRequest & { [TOKEN_ID]?: string })[TOKEN_ID] = actor.id;
    RequestContext.setActor(actor);
    RequestContext.setScope(await this.scopes.resolve('tenantId', tenantId));
    return true;
  }
}
