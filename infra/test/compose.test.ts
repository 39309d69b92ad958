import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { variablesOf } from './app-env.js';
import { APPS, COMPOSE_FILE, DEFAULT_IS_RIGHT, DOCKERFILE, INFRA, MIGRATE, REPO } from './contract.js';
import { instructions, readStages } from './dockerfile.js';

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string; target: string };
  command?: string[];
  profiles?: string[];
  init?: boolean;
  restart?: string;
  environment?: Record<string, string | number | null>;
  ports?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
}

// `merge: true`: the app services share their settings through YAML merge keys (<<), as Compose reads them.
const compose = parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const stages = readStages();
const DEV_COMMAND = 'docker compose -f infra/docker-compose.yml up -d';

function buildTarget(service: Service): string {
  const { build } = service;
  expect(build, 'build').toBeDefined();
  expect(resolve(INFRA, build!.context)).toBe(resolve(REPO));
  expect(build!.dockerfile).toBe(DOCKERFILE);
  return build!.target;
}

describe('infra/docker-compose.yml for development', () => {
  it('starts only PostgreSQL 15 and Redis 7 without a profile, as the README says', () => {
    const always = Object.entries(services).filter(([, service]) => !service.profiles?.length);
    expect(always.map(([name]) => name).sort()).toEqual(['postgres', 'redis']);
    expect(services.postgres!.image).toBe('postgres:15');
    expect(services.redis!.image).toBe('redis:7');
    expect(readFileSync(join(REPO, 'README.md'), 'utf8')).toContain(DEV_COMMAND);
  });

  it('publishes every port on 127.0.0.1 only', () => {
    const ports = Object.values(services).flatMap((service) => service.ports ?? []);
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
  });
});

describe('infra/docker-compose.yml, profile app', () => {
  it('runs migrate, api, worker and admin from the Dockerfile targets', () => {
    const app = Object.entries(services).filter(([, service]) => service.profiles?.includes('app'));
    expect(app.map(([name]) => name).sort()).toEqual(['admin', 'api', 'migrate', 'worker']);
    const stageNames = stages.map((stage) => stage.name);
    for (const [name, service] of app) {
      const target = buildTarget(service);
      expect(stageNames, name).toContain(target);
      expect(target).toBe(name === 'migrate' ? 'api' : name);
      expect(service.init, `${name}: init`).toBe(true);
      expect(service.restart, `${name}: restart`).toBe(name === 'migrate' ? 'no' : 'unless-stopped');
    }
  });

  it('migrates once before the API and the worker start', () => {
    expect(services.migrate!.command).toEqual(MIGRATE.command);
    expect(services.migrate!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const name of ['api', 'worker']) {
      expect(services[name]!.depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
    }
    expect(services.admin!.depends_on).toEqual({ api: { condition: 'service_healthy' } });
  });

  it('waits only on services that have a health check (their own or their image’s)', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        const target = services[dependency];
        expect(target, `${name} depends on ${dependency}`).toBeDefined();
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition);
        if (condition !== 'service_healthy') continue;
        const own = target!.healthcheck?.test;
        const image = target!.build && instructions(stages, target!.build.target, 'HEALTHCHECK').length > 0;
        expect(Boolean(own) || image, `${dependency} has a health check`).toBe(true);
      }
    }
  });

  it.each([...APPS.map((app) => ({ ...app, service: app.name })), { ...MIGRATE, service: 'migrate', port: 0 }])(
    'gives $service every variable it needs, pointing at the compose services',
    (app) => {
      const env = services[app.service]!.environment ?? {};
      const read = variablesOf(app);
      const missing = [...new Set([...app.required, ...read])].filter(
        (name) => !(name in env) && (app.required.includes(name) || !DEFAULT_IS_RIGHT[name]),
      );
      expect(missing).toEqual([]);
      if ('DATABASE_URL' in env) expect(new URL(String(env.DATABASE_URL)).host).toBe('postgres:5432');
      if ('REDIS_URL' in env) expect(new URL(String(env.REDIS_URL)).host).toBe('redis:6379');
      if (app.port) expect(String(env[`${app.service.toUpperCase()}_PORT`])).toBe(String(app.port));
    },
  );

  it('sends the console to the API service and publishes the contract ports', () => {
    const api = services.api!;
    expect(services.admin!.environment!.API_URL).toBe(`http://api:${api.environment!.API_PORT}`);
    for (const app of APPS.filter((candidate) => candidate.name !== 'worker')) {
      expect(services[app.name]!.ports).toContain(`127.0.0.1:${app.port}:${app.port}`);
    }
    expect(api.ports).toContain('127.0.0.1:9464:9464');
    // Passed through from the shell, never written here.
    expect(api.environment!.ROSTER_ADMIN_PASSWORD).toBeNull();
  });
});
