import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Actor, decideAccess } from '@roster/domain';
import type { FastifyRequest } from 'fastify';
import { forbidden, notFound, Problem } from '../common/problems.js';
import { RequestContext } from '../common/request-context.js';
import { ACCESS_RULE, type AccessRule, PUBLIC_ROUTE, type PublicRule } from './authenticated.decorator.js';
import { ScopeResolver } from './scope.resolver.js';
import { TokenService } from './token.service.js';

/**
 * The one place access is decided (DESIGN.md §5): authenticate the bearer token, resolve
 * the route's scope to its account and tenant, apply the route's rule, and leave actor and
 * scope in the request context for the services beneath.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly scopes: ScopeResolver,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const publicRule = this.reflector.getAllAndOverride<PublicRule | undefined>(PUBLIC_ROUTE, targets);
    if (publicRule) {
      const params = context.switchToHttp().getRequest<FastifyRequest>().params as Record<string, string | undefined>;
      if (publicRule.scope)
        RequestContext.setScope(await this.scopes.resolve(publicRule.scope, params[publicRule.scope]));
      return true;
    }
    const rule = this.reflector.getAllAndOverride<AccessRule>(ACCESS_RULE, targets);
    // Fail closed: a route that forgot to declare its rule is unreachable, not open.
    if (!rule) throw new Error(`Route ${context.getClass().name}.${context.getHandler().name} declares no access rule`);

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const actor = await this.authenticate(request);
    if (actor.kind === 'scim-token') throw forbidden(SCIM_TOKEN_ELSEWHERE);
    RequestContext.setActor(actor);

    const params = request.params as Record<string, string | undefined>;
    const scope = rule.scope ? await this.scopes.resolve(rule.scope, params[rule.scope]) : null;
    const decision = decideAccess(actor, rule.roles, scope);
    if (decision === 'not-found' && rule.scope) {
      throw notFound(ScopeResolver.resourceName(rule.scope), params[rule.scope] ?? '');
    }
    if (decision !== 'allow') throw forbidden(`The ${actor.role} role may not do this.`);
    RequestContext.setScope(scope);
    return true;
  }

  /**
   * The bearer token of the Authorization header, and nothing else (API.md §6): a token in a URL ends
   * up in logs, histories and Referer headers, and one in a form body makes cross-site posts possible.
   */
  private async authenticate(request: FastifyRequest): Promise<Actor> {
    const header = request.headers.authorization;
    const token = header ? /^Bearer +(\S+) *$/i.exec(header)?.[1] : undefined;
    const actor = token ? await this.tokens.actorFor(token) : null;
    if (actor) return actor;
    throw new Problem(
      401,
      'Not authenticated',
      token || !tokenElsewhere(request) ? NOT_AUTHENTICATED : TOKEN_ELSEWHERE,
    );
  }
}

const SCIM_TOKEN_ELSEWHERE =
  'This is a SCIM token: it works only for SCIM requests under /scim/v2/tenants/{its tenant}. Use an API key or ' +
  'an operator session for this API.';
const NOT_AUTHENTICATED =
  'Send a valid token as "Authorization: Bearer <token>"; it may be missing, expired or revoked.';
const TOKEN_ELSEWHERE =
  'Tokens are accepted only in the Authorization header: send it as "Authorization: Bearer <token>", ' +
  'not as access_token in the URL or body.';

/** Whether the client tried the query-string or body conventions of RFC 6750, which Roster does not accept. */
function tokenElsewhere(request: FastifyRequest): boolean {
  const holds = (value: unknown) => typeof value === 'object' && value !== null && 'access_token' in value;
  return holds(request.query) || holds(request.body);
}
