import { bearerMatches } from '@roster/ops';
import { TITLES } from '../common/problems.js';
import type { Config } from '../config/config.js';

/** Where a scrape arrived: the API's own port, or METRICS_PORT. */
export type MetricsListener = 'api-port' | 'metrics-port';

export interface MetricsRefusal {
  status: 401 | 404;
  body: { type: string; title: string; status: number; detail: string };
}

const refusal = (status: 401 | 404, detail: string): MetricsRefusal => ({
  status,
  body: { type: `https://roster.dev/problems/${status}`, title: TITLES[status]!, status, detail },
});

/**
 * API.md §11: /metrics answers with METRICS_TOKEN as a bearer token, or on METRICS_PORT. With a
 * metrics port the API's own port never serves them (404); the metrics port asks for the token too
 * when one is set. Null: serve the scrape.
 */
export function metricsRefusal(
  config: Pick<Config, 'metricsToken' | 'metricsPort'>,
  listener: MetricsListener,
  authorization: string | undefined,
): MetricsRefusal | null {
  if (listener === 'api-port' && config.metricsPort !== null) {
    return refusal(404, 'Metrics are served on the metrics port (METRICS_PORT), not on this one.');
  }
  if (config.metricsToken === null) {
    if (listener === 'metrics-port') return null;
    return refusal(
      404,
      'Metrics are off. Set METRICS_TOKEN (then scrape with Authorization: Bearer <token>) or METRICS_PORT (a separate port serving only /metrics); see README: Configuration.',
    );
  }
  if (bearerMatches(config.metricsToken, authorization)) return null;
  return refusal(401, 'Send the metrics token (METRICS_TOKEN) as Authorization: Bearer <token>.');
}
