import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_VARIABLES } from './api-config.js';
import { MIGRATE_VARIABLES } from './migrate-config.js';
import { START_VARIABLES } from './start-config.js';
import { ALL_VARIABLES } from './variables/index.js';
import { WORKER_VARIABLES } from './worker-config.js';

/** README's configuration table: each variable named in a row's first cell → that row's default cell. */
function documentedDefaults(): Map<string, string> {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Configuration'),
    readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1),
  );
  const defaults = new Map<string, string>();
  for (const row of section.split('\n').filter((line) => line.startsWith('| `'))) {
    const [names, documented] = row
      .split('|')
      .slice(1, 3)
      .map((cell) => cell.trim());
    for (const [, name] of names!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) defaults.set(name!, documented!);
  }
  return defaults;
}

describe("README's configuration table", () => {
  const documented = documentedDefaults();

  it('lists every variable with its default, and nothing else', () => {
    expect(documented.size).toBeGreaterThan(20);
    expect(Object.fromEntries(documented)).toEqual(
      Object.fromEntries(ALL_VARIABLES.map((variable) => [variable.name, variable.documentedDefault])),
    );
  });

  it('lists every variable an app reads', () => {
    for (const name of [...API_VARIABLES, ...WORKER_VARIABLES, ...START_VARIABLES, ...MIGRATE_VARIABLES]) {
      expect(documented.has(name), name).toBe(true);
    }
  });
});

describe('each variable', () => {
  it('has one definition and a doc line', () => {
    const names = ALL_VARIABLES.map((variable) => variable.name);
    expect(new Set(names).size).toBe(names.length);
    for (const variable of ALL_VARIABLES) expect(variable.doc.length, variable.name).toBeGreaterThan(10);
  });
});
