/**
 * METRICS_TOKEN, read the same way by the API and the worker: unset or empty → null (no token asked for);
 * otherwise 16–256 characters without spaces, else a problem naming the variable is added.
 */
export function readMetricsToken(env: Record<string, string | undefined>, problems: string[]): string | null {
  const value = env.METRICS_TOKEN;
  if (value === undefined || value === '') return null;
  if (value.length < 16 || value.length > 256 || /\s/.test(value)) {
    problems.push('METRICS_TOKEN must be 16–256 characters without spaces (e.g. the output of openssl rand -hex 32)');
  }
  return value;
}
