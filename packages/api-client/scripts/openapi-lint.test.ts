import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_PATH } from './generate.js';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));
const redocly = `${repositoryRoot}node_modules/.bin/redocly`;

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; message: string; location: { pointer?: string }[] }[];
}

/** Runs the same lint as `pnpm lint:openapi` (redocly.yaml at the root), offline and without telemetry. */
async function lint(path: string): Promise<LintReport> {
  const result = await run(redocly, ['lint', '--format=json', '--max-problems=1000', path], {
    cwd: repositoryRoot,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => {
    // A failed lint exits 1 but still prints its report.
    if (error.stdout) return { stdout: error.stdout };
    throw error;
  });
  return JSON.parse(result.stdout) as LintReport;
}

describe('the OpenAPI document under Redocly’s lint', () => {
  // generate.test.ts proves openapi.json is the document the API builds now, so linting it lints the code.
  it('has no errors and no warnings', async () => {
    const report = await lint(DOCUMENT_PATH);
    const problems = report.problems.map(
      (problem) => `${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer ?? '?'}`,
    );
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('reports what it is there to catch', async () => {
    // Guards against a lint that passes because it checks nothing (wrong config, wrong file).
    const { mkdtemp, readFile, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const document = JSON.parse(await readFile(DOCUMENT_PATH, 'utf8')) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const operation = document.paths['/api/v1/tenants/{tenantId}/users']!.get!;
    delete operation.summary;
    delete operation.security;
    operation.operationId = 'Users_list';
    const directory = await mkdtemp(`${tmpdir()}/roster-openapi-`);
    try {
      const path = `${directory}/openapi.json`;
      await writeFile(path, JSON.stringify(document));
      const rules = (await lint(path)).problems.map((problem) => problem.ruleId);
      expect(rules).toEqual(
        expect.arrayContaining(['operation-summary', 'security-defined', 'rule/operation-id-camel-case']),
      );
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
