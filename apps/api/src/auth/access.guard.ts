import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { type Actor, decideAccess } from '@roster/domain';
import type { FastifyRequest } from 'fastify';
import { forbidden, notFound, Problem } from '../common/problems.js';
import { RequestContext } from '../common/request-context.js';
import { ACCESS_RULE, type AccessRule, PUBLIC_ROUTE, type PublicRule } from './authenticated.decorator.js';
import { ScopeResolver } from './scope.resolver.js';

/**
 * The one place access is decided (DESIGN.md §5): authenticate the bearer token, resolve
 * the route's scope to its account and tenant, apply the route's rule, and leave actor and
 * scope in the request context for the services beneath.
 */
@Injectable()
export class AccessGuard extends AuthGuard('bearer') {
  constructor(
    private readonly reflector: Reflector,
    private readonly scopes: ScopeResolver,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
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

    await super.canActivate(context);
    const request = context.switchToHttp().getRequest<FastifyRequest & { user: Actor }>();
    const actor = request.user;
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

  override handleRequest<T>(error: unknown, actor: T): T {
    if (error || !actor) {
      throw new Problem(
        401,
        'Not authenticated',
        'Send a valid token as "Authorization: Bearer <token>"; it may be missing, expired or revoked.',
      );
    }
    return actor;
  }
}
