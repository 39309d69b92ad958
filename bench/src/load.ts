/**
 * HTTP load with autocannon: a fixed number of connections for a fixed time. Latency percentiles are
 * computed from every response's own time (autocannon's summary has no p95).
 */
import autocannon from 'autocannon';
import { quantile } from './stats.js';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Responses that were not the expected status. */
  errors: number;
  requests: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  method?: 'GET' | 'POST';
  /** The path of each request (varied per request, e.g. another user each time). */
  path: () => string;
  /** The JSON body of each POST. */
  body?: () => unknown;
  /** The status every response should have. */
  expect: number;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        headers: { ...options.headers, ...(options.body ? { 'content-type': 'application/json' } : {}) },
        requests: [
          {
            method: options.method ?? 'GET',
            setupRequest: (request) => ({
              ...request,
              path: options.path(),
              ...(options.body ? { body: JSON.stringify(options.body()) } : {}),
            }),
          },
        ],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      if (statusCode !== options.expect) errors += 1;
    });
  });
  times.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    requestsPerSecond: Math.round(times.length / options.seconds),
    p50: round(quantile(times, 0.5)),
    p95: round(quantile(times, 0.95)),
    p99: round(quantile(times, 0.99)),
    errors: errors + result.errors + result.timeouts,
    requests: times.length,
  };
}
