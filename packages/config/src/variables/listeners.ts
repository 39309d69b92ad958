import { parsePort, PORT_REASON, portVariable, textVariable } from '../kinds.js';
import type { Rule } from '../select.js';
import { defineVariable, reject } from '../variable.js';

/** Where each process listens, and who may read its metrics. */

export const API_HOST = textVariable({
  name: 'API_HOST',
  doc: 'the address the API listens on (0.0.0.0 accepts remote connections)',
  fallback: '127.0.0.1',
});

export const API_PORT = portVariable({ name: 'API_PORT', doc: 'the port of the API', fallback: 3000 });

export const ADMIN_PORT = portVariable({ name: 'ADMIN_PORT', doc: 'the port of the admin console', fallback: 5173 });

export const WORKER_HOST = textVariable({
  name: 'WORKER_HOST',
  doc: "the address of the worker's ops server (/metrics, /health/live, /health/ready)",
  fallback: '127.0.0.1',
});

export const WORKER_PORT = portVariable({
  name: 'WORKER_PORT',
  doc: "the port of the worker's ops server",
  fallback: 3001,
});

/**
 * How many proxies in front of the API to trust: "false" → 0, "true" → 1, or a number. The client IP is then
 * what the outermost of them saw (X-Forwarded-For read from the right), so a client cannot choose its own.
 */
export const TRUST_PROXY = defineVariable({
  name: 'TRUST_PROXY',
  doc: 'false, true (one proxy) or the number of proxies in front of the API',
  fallback: 'false',
  parse(text) {
    if (text === 'false') return 0;
    if (text === 'true') return 1;
    if (/^\d{1,2}$/.test(text)) return Number(text);
    return reject('must be false, true (one proxy) or the number of proxies in front of the API');
  },
});

/** Unset or empty: no token asked for. The value is a secret: messages never show it. */
export const METRICS_TOKEN = defineVariable<string | null>({
  name: 'METRICS_TOKEN',
  doc: 'the bearer token /metrics asks for (API; the worker too when set)',
  documentedDefault: '— (none)',
  emptyIsUnset: true,
  unset: () => null,
  shown: false,
  parse: (text) =>
    text.length < 16 || text.length > 256 || /\s/.test(text)
      ? reject('must be 16–256 characters without spaces (e.g. the output of openssl rand -hex 32)')
      : text,
});

/** A second API port serving only /metrics; 0 takes any free port (logged at start: what tests use). */
export const METRICS_PORT = defineVariable<number | null>({
  name: 'METRICS_PORT',
  doc: 'a second API port, on API_HOST, that serves only GET /metrics',
  documentedDefault: '— (none)',
  emptyIsUnset: true,
  unset: () => null,
  parse: (text) => (text === '0' ? 0 : (parsePort(text) ?? reject(PORT_REASON))),
});

/** On the API's own port /metrics would be served without the token that port asks for. */
export const metricsPortApart: Rule<{ apiPort: number; metricsPort: number | null }> = (config, text) =>
  config.metricsPort && config.metricsPort === config.apiPort
    ? `${METRICS_PORT.name}=${text(METRICS_PORT)} must differ from ${API_PORT.name}`
    : null;
