import type { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { JOBS, jobHandlerProblems, type JobName, type QueueName } from '@roster/domain';
import type { Job } from 'bullmq';
import { JobHandlerMetadata } from './job-handler.decorator.js';

/** A handler found on a provider instance; `source` (Class.method) makes error messages actionable. */
export interface FoundHandler {
  name: string;
  source: string;
  run: (payload: unknown, job: Job) => Promise<unknown>;
}

/**
 * Every @JobHandler method of every provider in the context. Only static (singleton)
 * providers count: a request-scoped one has no instance to call, so its job shows up as
 * "has no handler" in the check instead of failing later.
 */
export function discoverHandlers(discovery: DiscoveryService, scanner: MetadataScanner): FoundHandler[] {
  const found: FoundHandler[] = [];
  for (const wrapper of discovery.getProviders()) {
    const instance: unknown = wrapper.instance;
    if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
    const methods = instance as Record<string, (payload: unknown, job: Job) => Promise<unknown>>;
    for (const method of scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object)) {
      const name = discovery.getMetadataByDecorator(JobHandlerMetadata, wrapper, method);
      if (typeof name !== 'string') continue;
      found.push({
        name,
        source: `${instance.constructor.name}.${method}`,
        run: (payload, job) => methods[method]!.call(instance, payload, job),
      });
    }
  }
  return found;
}

export class JobHandlerError extends Error {
  constructor(
    readonly problems: string[],
    handlers: FoundHandler[],
  ) {
    const listed = handlers.map((h) => `    ${h.source} → ${h.name}`).join('\n') || '    (none)';
    super(`The worker refuses to start:\n${problems.map((p) => `  - ${p}`).join('\n')}\n  Handlers found:\n${listed}`);
  }
}

/** Throws one JobHandlerError listing every problem unless each registry job has exactly one handler. */
export function assertOneHandlerPerJob(handlers: FoundHandler[]): void {
  const problems = jobHandlerProblems(handlers.map((h) => h.name));
  if (problems.length > 0) throw new JobHandlerError(problems, handlers);
}

/** Per queue, job name → handler. Only valid after assertOneHandlerPerJob passed. */
export function dispatchTables(handlers: FoundHandler[]): Map<QueueName, Map<string, FoundHandler['run']>> {
  const tables = new Map<QueueName, Map<string, FoundHandler['run']>>();
  for (const handler of handlers) {
    const queue = JOBS[handler.name as JobName].queue;
    const table = tables.get(queue) ?? new Map<string, FoundHandler['run']>();
    table.set(handler.name, handler.run);
    tables.set(queue, table);
  }
  return tables;
}
