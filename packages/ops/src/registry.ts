import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * A metrics registry of the calling app instance's own, with Node's default process metrics in it.
 * Not prom-client's global registry: tests start several apps (and workers) in one process, and the
 * global one would mix their series and refuse the second registration of every name.
 */
export function createInstanceRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
