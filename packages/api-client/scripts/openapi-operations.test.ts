import { generateOpenApiDocument } from '@roster/api/openapi';
import { beforeAll, describe, expect, it } from 'vitest';

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  responses: Record<string, unknown>;
}

interface Document {
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']);
/** Probes answer 200 or 503 and nothing else (see .redocly.lint-ignore.yaml). */
const isHealthProbe = (path: string) => path === '/api/health' || path.startsWith('/api/health/');
const HOW_TO = 'see apps/api/src/openapi/README.md';

let operations: { route: string; path: string; operation: Operation }[];
let document: Document;

beforeAll(async () => {
  // The document the API builds now, not the committed copy: a new route fails here before it is generated.
  document = (await generateOpenApiDocument()) as unknown as Document;
  operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, path, operation })),
  );
});

/** The routes for which `lacks` holds, so a failure names each one. */
const routesWhere = (lacks: (operation: Operation, path: string) => boolean) =>
  operations.filter(({ operation, path }) => lacks(operation, path)).map(({ route }) => route);

describe('every operation of the OpenAPI document', () => {
  it('exists (the document is not empty)', () => {
    expect(operations.length).toBeGreaterThan(50);
  });

  it(`has a summary and a description (@ApiOperation; ${HOW_TO})`, () => {
    expect(
      routesWhere((operation) => !operation.summary?.trim()),
      'without a summary',
    ).toEqual([]);
    // The access paragraph is appended to every description; a description of that alone says nothing.
    const ownWords = (operation: Operation) => operation.description?.split('**Access:**')[0]?.trim();
    expect(
      routesWhere((operation) => !ownWords(operation)),
      'without a description',
    ).toEqual([]);
  });

  it(`has a camelCase operationId unique in the document (@ApiOperation({ operationId }); ${HOW_TO})`, () => {
    expect(routesWhere((operation) => !/^[a-z][a-zA-Z0-9]*$/.test(operation.operationId ?? ''))).toEqual([]);
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(
      ids.filter((id, index) => ids.indexOf(id) !== index),
      'duplicated operationIds',
    ).toEqual([]);
  });

  it('has tags, each described at the document level (apps/api/src/openapi/tags.ts)', () => {
    const described = new Set((document.tags ?? []).filter((tag) => tag.description).map((tag) => tag.name));
    expect(
      routesWhere((operation) => (operation.tags ?? []).length === 0),
      'without tags',
    ).toEqual([]);
    expect(
      routesWhere((operation) => (operation.tags ?? []).some((tag) => !described.has(tag))),
      'with a tag missing from tags.ts',
    ).toEqual([]);
  });

  it('documents at least one 4xx response (health probes excepted)', () => {
    const has4xx = (operation: Operation) => Object.keys(operation.responses).some((status) => /^4\d\d$/.test(status));
    expect(routesWhere((operation, path) => !isHealthProbe(path) && !has4xx(operation))).toEqual([]);
  });

  it('documents the 400 of its validated input (any body or query parameter) as problem+json', () => {
    const takesInput = (operation: Operation & { requestBody?: unknown; parameters?: { in: string }[] }) =>
      operation.requestBody !== undefined || (operation.parameters ?? []).some((parameter) => parameter.in === 'query');
    const problem400 = (operation: Operation) =>
      JSON.stringify(operation.responses['400'] ?? null).includes('"application/problem+json"');
    expect(routesWhere((operation) => takesInput(operation) && !problem400(operation))).toEqual([]);
  });

  it('says who may call it: bearer security, or `security: []` on public routes (@Authenticated or @Public)', () => {
    expect(routesWhere((operation) => operation.security === undefined)).toEqual([]);
    const publicRoutes = routesWhere((operation) => operation.security?.length === 0);
    expect(publicRoutes).toEqual(
      expect.arrayContaining([
        'POST /api/v1/auth/login',
        'POST /api/v1/tenants/{tenantId}/auth/login',
        'GET /api/v1/tenants/{tenantId}/auth/jwks.json',
        'GET /api/health',
      ]),
    );
    expect(
      routesWhere((operation) => !operation.description?.includes('**Access:**')),
      'without the access paragraph',
    ).toEqual([]);
  });

  it('states the access rule the guard enforces, route by route', () => {
    const access = (method: string, path: string) =>
      document.paths[path]?.[method]?.description?.split('**Access:**')[1]?.trim();
    expect(access('post', '/api/v1/accounts')).toMatch(/^the platform admin only/);
    expect(access('get', '/api/v1/tenants/{tenantId}/users')).toMatch(
      /with role owner, admin or tenant-admin \(tenant-admins: only their own tenants\).*404/,
    );
    expect(access('post', '/api/v1/accounts/{accountId}/api-keys')).toMatch(/with role owner;/);
    // Narrowed inside the handler, once the job's kind and scope are known: the docs say so too, kind by kind.
    expect(access('get', '/api/v1/jobs/{jobId}')).toMatch(
      /recount.*with role owner, admin or billing;.*import.*with role owner, admin or tenant-admin \(tenant-admins: only their own tenants\).*404/,
    );
    expect(access('get', '/api/health')).toBe('public; no token needed.');
  });
});
