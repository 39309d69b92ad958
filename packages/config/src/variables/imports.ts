import { defineVariable, reject } from '../variable.js';

/** User imports (issue 18). */

const UNITS: Record<string, number> = { '': 1, B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

/** `512MB`, `64KB`, `1GB` or a number of bytes (units of 1024, as the API's messages count them); above zero. */
export function parseSize(text: string): number | null {
  const match = /^(\d+)\s*(B|KB|MB|GB)?$/i.exec(text.trim());
  if (!match) return null;
  const bytes = Number(match[1]) * UNITS[(match[2] ?? '').toUpperCase()]!;
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : null;
}

/**
 * The most one import upload may weigh: the API answers 413 past it (by Content-Length at once, else as the body
 * streams in, storing nothing). 512 MB is far above a million users' CSV (about 100 MB).
 */
export const IMPORT_MAX_SIZE = defineVariable<number>({
  name: 'IMPORT_MAX_SIZE',
  doc: 'API: the largest file one user import takes (413 above it)',
  fallback: '512MB',
  parse: (text) => parseSize(text) ?? reject('must be a size above zero like 512MB, 64KB or 1GB (units of 1024 bytes)'),
});
