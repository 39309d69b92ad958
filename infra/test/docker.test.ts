import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Env, Healthcheck } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { APPS, REPO } from './contract.js';
import { copy, execForm, instructions, lineage, readStages, stage, text } from './dockerfile.js';

const stages = readStages();
const packageJson = (path: string) => JSON.parse(readFileSync(join(REPO, path, 'package.json'), 'utf8'));

function environment(target: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const env of instructions(stages, target, 'ENV') as Env[]) {
    for (const property of env.getProperties()) values.set(property.getName(), property.getValue() ?? '');
  }
  return values;
}

describe('infra/docker/Dockerfile', () => {
  it('starts every stage from Node 24 (bookworm-slim) or from an earlier stage', () => {
    const images = stages.filter((s) => !stages.some((other) => other.name === s.from)).map((s) => s.from);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toBe('node:24-bookworm-slim');
  });

  it('installs pnpm 12 (the version root package.json asks for) and the workspace from the lockfile, frozen', () => {
    const runs = instructions(stages, 'workspace', 'RUN').map(text);
    const pnpmMajor = /\^?(\d+)\./.exec(packageJson('').devEngines.packageManager.version)![1];
    expect(runs).toContain(`npm install --global pnpm@${pnpmMajor}`);
    expect(runs.some((run) => /\bpnpm install --frozen-lockfile\b/.test(run))).toBe(true);
    for (const line of instructions(stages, 'workspace', 'COPY').map(copy)) {
      const [from, ...sources] = line.split(' ').slice(0, -1);
      expect(from).toBe('context');
      for (const source of sources) expect(existsSync(join(REPO, source)), source).toBe(true);
    }
  });

  describe.each(APPS)('target $name', (app) => {
    const target = () => lineage(stages, app.name);
    const buildStage = `${app.name}-build`;
    const pkg = packageJson(`apps/${app.name}`);

    it('builds the app with turbo, then deploys it with production dependencies only', () => {
      const runs = instructions(stages, buildStage, 'RUN').map(text);
      expect(runs).toContain(`pnpm exec turbo run build --filter=${pkg.name}`);
      expect(runs.some((run) => run.includes(`pnpm --filter ${pkg.name} --prod deploy`))).toBe(true);
    });

    it('runs on Node 24 with nothing installed or built in its own stages', () => {
      expect(target().at(-1)!.from).toBe('node:24-bookworm-slim');
      expect(target().map((s) => s.name)).not.toContain('workspace');
      const runs = target().flatMap((s) => s.instructions.filter((i) => i.getKeyword() === 'RUN').map(text));
      expect(runs.filter((run) => /\b(npm|pnpm|yarn|npx|turbo)\b/.test(run))).toEqual([]);
    });

    it('copies node_modules only from the deployed (production) folder, and the built app', () => {
      const copies = target().flatMap((s) => s.instructions.filter((i) => i.getKeyword() === 'COPY').map(copy));
      expect(copies).toContain(`${buildStage} /deploy/node_modules ./node_modules`);
      expect(copies.every((line) => line.startsWith(`${buildStage} `))).toBe(true);
      const output = app.name === 'admin' ? 'build' : 'dist';
      expect(copies).toContain(`${buildStage} /repo/apps/${app.name}/${output} ./${output}`);
    });

    it('runs as the non-root user node (uid 1000) with NODE_ENV=production', () => {
      const users = instructions(stages, app.name, 'USER').map(text);
      expect(users.at(-1)).toBe('1000:1000');
      expect(environment(app.name).get('NODE_ENV')).toBe('production');
    });

    it('hands signals to node through tini and runs the command of its start script', () => {
      expect(execForm(instructions(stages, app.name, 'ENTRYPOINT').at(-1)!)).toEqual(['/usr/bin/tini', '--']);
      const command = execForm(instructions(stages, app.name, 'CMD').at(-1)!);
      expect(command).toEqual(app.command);
      expect(command.join(' ')).toBe(pkg.scripts.start);
      expect(instructions(stages, 'runtime', 'RUN').map(text).join(' ')).toMatch(/apt-get install .*\btini\b/);
    });

    it('listens on the contract port on all interfaces, exposes it, and checks its readiness there', () => {
      const env = environment(app.name);
      const portVariable = `${app.name.toUpperCase()}_PORT`;
      expect(env.get(portVariable)).toBe(String(app.port));
      expect(env.get(`${app.name.toUpperCase()}_HOST`)).toBe('0.0.0.0');
      const exposed = instructions(stages, app.name, 'EXPOSE').flatMap((i) => text(i).split(' '));
      expect(exposed).toContain(String(app.port));
      if (app.metrics) expect(exposed).toContain(String(app.metrics.port));
      const [healthcheck] = instructions(stages, app.name, 'HEALTHCHECK') as Healthcheck[];
      const probe = healthcheck!.getSubcommand() ? text(healthcheck!) : '';
      expect(probe).toContain(`http://127.0.0.1:\${process.env.${portVariable}}${app.ready}`);
    });
  });

  it('is built from a context that keeps local installs and outputs out', () => {
    const ignored = readFileSync(join(REPO, '.dockerignore'), 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    for (const entry of ['**/node_modules', '**/dist', '**/build', '**/.svelte-kit', '**/.turbo', '**/test-results']) {
      expect(ignored).toContain(entry);
    }
    expect(ignored).toContain('bench/results');
    const needed = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'turbo.json', 'apps', 'packages'];
    expect(ignored.filter((entry) => needed.some((path) => entry === path || entry.startsWith(`${path}/`)))).toEqual(
      [],
    );
  });
});

describe('the app targets', () => {
  it('all build on the one runtime stage (tini, NODE_ENV=production, JSON logs)', () => {
    for (const app of APPS) expect(stage(stages, app.name).from).toBe('runtime');
  });
});
