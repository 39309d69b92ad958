import { parseDuration } from '@roster/domain';

export interface ShutdownTimings {
  /** SHUTDOWN_DELAY: after a stop signal, how long readiness fails while requests are still served. */
  shutdownDelayMs: number;
  /** SHUTDOWN_TIMEOUT: from the signal, how long the delay and the drain may take before exiting non-zero. */
  shutdownTimeoutMs: number;
}

/**
 * SHUTDOWN_DELAY (0 allowed) and SHUTDOWN_TIMEOUT (more than 0), the delay inside the timeout. The delay
 * defaults to 5s in production — long enough for a load balancer to see the failing readiness probe and
 * stop sending — and to nothing elsewhere, so a developer's Ctrl-C stops at once. The timeout's 25s stays
 * under Kubernetes' default 30 s grace period, after which the pod is killed anyway.
 */
export function readShutdownTimings(
  env: Record<string, string | undefined>,
  nodeEnv: string,
  problems: string[],
): ShutdownTimings {
  const delayText = env.SHUTDOWN_DELAY ?? (nodeEnv === 'production' ? '5s' : '0s');
  const delayMs = /^0+(ms|s|m|h)?$/.test(delayText.trim()) ? 0 : parseDuration(delayText);
  if (delayMs === null) problems.push(`SHUTDOWN_DELAY=${delayText} must be a duration like 0s, 500ms or 5s`);
  const timeoutText = env.SHUTDOWN_TIMEOUT ?? '25s';
  const timeoutMs = parseDuration(timeoutText);
  if (timeoutMs === null) {
    problems.push(`SHUTDOWN_TIMEOUT=${timeoutText} must be a duration above zero like 25s or 1m`);
  } else if (delayMs !== null && delayMs >= timeoutMs) {
    problems.push(
      `SHUTDOWN_DELAY=${delayText} must be shorter than SHUTDOWN_TIMEOUT=${timeoutText} (the timeout counts from the signal and includes the delay)`,
    );
  }
  return { shutdownDelayMs: delayMs ?? 0, shutdownTimeoutMs: timeoutMs ?? 0 };
}
