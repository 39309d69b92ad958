const UNITS_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses "500ms", "30s", "15m", "2h" or "1d" into milliseconds; null when unreadable or not positive. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]) * UNITS_MS[match[2] as keyof typeof UNITS_MS];
  return value > 0 && Number.isSafeInteger(value) ? value : null;
}
