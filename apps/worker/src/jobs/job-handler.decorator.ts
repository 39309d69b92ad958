import { DiscoveryService } from '@nestjs/core';
import type { JobName, JobPayloads } from '@roster/domain';
import type { Job } from 'bullmq';

/** The BullMQ job a handler receives, typed by the registry. */
export type JobOf<N extends JobName> = Job<JobPayloads[N], unknown, N>;

/** What a handler method must look like: the payload from the registry, then the job itself. */
export type JobHandlerMethod<N extends JobName> = (payload: JobPayloads[N], job: JobOf<N>) => Promise<unknown>;

/** The raw metadata marker; JobRunner finds it through Nest's DiscoveryService. */
export const JobHandlerMetadata = DiscoveryService.createDecorator<JobName>();

/**
 * Marks a provider method as the handler of one registry job. The descriptor type makes the
 * compiler check the method's payload against JobPayloads; that every job has exactly one
 * handler is checked at start-up (JobRunner), since decorators cannot see each other.
 */
export function JobHandler<N extends JobName>(name: N) {
  // Generic in the method type so a method that ignores its arguments still fits.
  return <M extends JobHandlerMethod<N>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    JobHandlerMetadata(name)(target, key, descriptor);
  };
}
