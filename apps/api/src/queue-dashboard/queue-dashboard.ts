import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { decideAccess, PLATFORM_ONLY } from '@roster/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_KEY_PREFIX } from '../auth/secrets.js';
import { TokenService } from '../auth/token.service.js';
import { TITLES } from '../common/problems.js';
import type { Config } from '../config/config.js';
import { Queues } from '../queues/queues.module.js';

/** Where the dashboard (its page, assets and its own JSON API) lives. */
export const QUEUE_DASHBOARD_PATH = '/api/queues';
/** Holds the operator session token handed over once as ?token=, so the browser's page and fetches carry it. */
export const QUEUE_DASHBOARD_COOKIE = 'roster_queue_dashboard';

function sendProblem(reply: FastifyReply, status: 401 | 403, detail: string): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'application/problem+json')
    .header('cache-control', 'no-store')
    .send({ type: `https://roster.dev/problems/${status}`, title: TITLES[status], status, detail });
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      try {
        return decodeURIComponent(part.slice(separator + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * The bull-board dashboard for platform admins at /api/queues. Every request under the path (HTML,
 * assets, the board's API) passes an onRequest check: a bearer header, or the cookie set by a first
 * visit with ?token=<operator session token> (the token is then removed from the address by a redirect).
 */
export async function mountQueueDashboard(app: NestFastifyApplication, config: Config): Promise<void> {
  const queues = app.get(Queues);
  const tokens = app.get(TokenService, { strict: false });

  const serverAdapter = new BullBoardFastifyAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.all().map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Roster queues' } },
  });

  const check = async (request: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(request.url, 'http://dashboard.invalid');
    const queryToken = url.searchParams.get('token');
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const cookie = cookieValue(request.headers.cookie, QUEUE_DASHBOARD_COOKIE);
    // An API key never goes into an address or a cookie; the query only takes operator session tokens.
    const fromQuery = queryToken && !queryToken.startsWith(API_KEY_PREFIX) ? queryToken : undefined;
    const token = bearer ?? fromQuery ?? cookie;
    if (!token) {
      return sendProblem(
        reply,
        401,
        `Sign in as a platform admin: send Authorization: Bearer <token>, or open ${QUEUE_DASHBOARD_PATH}?token=<operator session token>.`,
      );
    }
    const actor = await tokens.actorFor(token).catch(() => null);
    if (!actor) return sendProblem(reply, 401, 'The token is unknown, expired or revoked.');
    // The deployment's queues belong to no account: the access rule with no scope and no account role.
    if (decideAccess(actor, PLATFORM_ONLY, null) !== 'allow') {
      return sendProblem(reply, 403, 'Only platform admins may see the queue dashboard.');
    }
    if (queryToken !== null) {
      // Hand the token over to an httpOnly cookie and take it out of the address (history, logs, Referer).
      url.searchParams.delete('token');
      const secure = config.nodeEnv === 'production' ? '; Secure' : '';
      if (token === fromQuery) {
        void reply.header(
          'set-cookie',
          `${QUEUE_DASHBOARD_COOKIE}=${encodeURIComponent(token)}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict${secure}`,
        );
      }
      return reply.header('cache-control', 'no-store').redirect(url.pathname + url.search, 303);
    }
    return undefined;
  };

  await app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', async (request, reply) => {
        await check(request, reply);
        // Returning the reply stops the request once the check has answered it (401, 403 or the redirect).
        if (reply.sent) return reply;
      });
      await scope.register(serverAdapter.registerPlugin() as never);
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}
