import type { RequestHandler } from './$types';

/**
 * Liveness and readiness of the console for container probes. It answers from this process alone,
 * without the API or a session: the console can serve its pages (with a "the API is unreachable"
 * message) while the API is down, so a slow API must not get the console restarted.
 */
export const GET: RequestHandler = () =>
  new Response('ok', { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
