/**
 * HTTP load with autocannon: a fixed number of connections for a fixed time. Latency percentiles are
 * computed from every response's own time (autocannon's summary has no p95).
 */
import autocannon from 'autocannon';
import { coresBetween, type CpuSnapshot, type CpuTimes } from './cpu.js';
import { quantile } from './stats.js';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Responses that were not the expected status, plus requests that failed or timed out. */
  errors: number;
  /** What the errors were: `status <code>`, `connection error` or `timeout`, with their counts. */
  errorKinds: Record<string, number>;
  requests: number;
  /** Cores each process used during the run, where it could be read. */
  cpuCores: CpuTimes | null;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  method?: 'GET' | 'POST' | 'PATCH';
  /** The path of each request (varied per request, e.g. another user each time). */
  path: () => string;
  /** The JSON body of each POST or PATCH. */
  body?: () => unknown;
  /** The status every response should have. */
  expect: number;
  /** Reads the CPU time of the processes involved (cpu.ts), before and after the run. */
  cpu?: () => CpuSnapshot | null;
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  const errorKinds: Record<string, number> = {};
  const countError = (kind: string, count = 1) => {
    if (count > 0) errorKinds[kind] = (errorKinds[kind] ?? 0) + count;
  };
  const cpuBefore = options.cpu?.() ?? null;
  const started = performance.now();
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
      if (statusCode !== options.expect) countError(`status ${statusCode}`);
    });
  });
  const cpuAfter = options.cpu?.() ?? null;
  const cpuCores =
    cpuBefore && cpuAfter ? coresBetween(cpuBefore, cpuAfter, (performance.now() - started) / 1000) : null;
  countError('connection error', result.errors - result.timeouts);
  countError('timeout', result.timeouts);
  times.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    requestsPerSecond: Math.round(times.length / options.seconds),
    p50: round(quantile(times, 0.5)),
    p95: round(quantile(times, 0.95)),
    p99: round(quantile(times, 0.99)),
    errors: Object.values(errorKinds).reduce((sum, count) => sum + count, 0),
    errorKinds,
    requests: times.length,
    cpuCores,
  };
}
