/**
 * Which environment variables an app reads: those its loader in @roster/config selects, and any other read
 * found in its sources (tests excluded, and src/testing: helpers other packages' tests import, never the app).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './contract.js';

// `env.NAME`, `env?.NAME`, `env['NAME']`, and a name handed to a reader with the env: `url(env, 'NAME', …)`.
const READS = [
  /\benv\??\.([A-Z][A-Z0-9_]*)\b/g,
  /\benv\[['"]([A-Z][A-Z0-9_]*)['"]\]/g,
  /\benv\s*,\s*['"]([A-Z][A-Z0-9_]*)['"]/g,
];

function sourceFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => {
    const full = join(path, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'testing'].includes(entry.name) ? [] : sourceFiles(full);
    return /\.(ts|js|svelte)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}

/** Every variable read under the given repository paths. */
export function variablesRead(paths: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of paths.flatMap((path) => sourceFiles(join(REPO, path)))) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of READS) for (const match of text.matchAll(pattern)) names.add(match[1]!);
  }
  return names;
}

/** Every variable an app (or the migration step) reads. */
export function variablesOf(app: { sources: string[]; configured: readonly string[] }): Set<string> {
  return new Set([...app.configured, ...variablesRead(app.sources)]);
}
