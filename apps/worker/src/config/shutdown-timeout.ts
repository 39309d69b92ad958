import { parseDuration } from '@roster/domain';

/**
 * SHUTDOWN_TIMEOUT: after a stop signal, how long the active jobs may take to finish before they are
 * handed back to the queue and the process exits non-zero. 25s stays under Kubernetes' default 30 s
 * grace period. (The worker has no SHUTDOWN_DELAY: no load balancer sends it traffic.)
 */
export function readShutdownTimeout(env: Record<string, string | undefined>, problems: string[]): number {
  const text = env.SHUTDOWN_TIMEOUT ?? '25s';
  const value = parseDuration(text);
  if (value === null) problems.push(`SHUTDOWN_TIMEOUT=${text} must be a duration above zero like 25s or 1m`);
  return value ?? 0;
}
