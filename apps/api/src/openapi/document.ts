import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { finishDocument } from './finish.js';
import { addWebhookCatalog } from './webhook-catalog.js';
import { TAGS } from './tags.js';

/** zod schemas describe themselves as JSON Schema 2020-12, which is what OpenAPI 3.1 speaks. */
function standardSchemaConverter(schema: unknown, { schemaType }: { schemaType: 'input' | 'output' }) {
  const standard = (
    schema as { '~standard'?: { jsonSchema?: Record<string, (o: object) => Record<string, unknown>> } }
  )['~standard'];
  const convert = standard?.jsonSchema?.[schemaType];
  if (!convert) return undefined;
  const { $defs, $schema: _dialect, ...rest } = convert({ target: 'draft-2020-12' });
  return { schema: rest, components: ($defs ?? {}) as Record<string, unknown> };
}

const DESCRIPTION = [
  'End-user management for multi-tenant applications: accounts hold environments, environments hold tenants, ' +
    'tenants hold end users, groups and their roles.',
  '**Authentication:** `Authorization: Bearer <token>` with an operator session token (`POST /api/v1/auth/login`) ' +
    'or an API key, in that header only (never as `access_token` in the URL or body). Each operation’s ' +
    'description ends with who may call it.',
  '**Errors** are RFC 9457 problem details (`application/problem+json`): 400 invalid input, 401 no or bad ' +
    'credentials, 403 the role may not do this, 404 not found *or belonging to another account or tenant*, ' +
    '409 conflict, 415 a body that is not JSON (bodies are `application/json` only), 429 blocked (see ' +
    '`Retry-After`). Text that PostgreSQL cannot store (a NUL character, an unpaired surrogate) is a 400 naming ' +
    'the field, in the body, the query string or the path.',
  '**Lists** use keyset pagination: `?limit=` (1–200 in decimal digits, default 50), pass `nextCursor` back as `cursor`; ' +
    '`includeTotal=true` adds `total`.',
  '**Servers:** a deployment serves this document and the API under its own host; the URLs below are the ' +
    'host that served this document and the local development default.',
].join('\n\n');

/** Builds the OpenAPI 3.1 document from the controllers and their schemas. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Roster API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .setOpenAPIVersion('3.1.0')
    .addServer('/', 'The host that served this document')
    .addServer('http://127.0.0.1:3000', 'Local development default (API_PORT)')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque',
      description: 'An operator session token or an API key',
    });
  for (const tag of TAGS) builder.addTag(tag.name, tag.description);
  const config = builder.build();
  // Roster is proprietary: no SPDX-listed licence applies, so the licence is a LicenseRef (SPDX's form for others).
  // OpenAPI 3.1's `identifier` is missing from @nestjs/swagger's types, which follow 3.0.
  Object.assign(config.info, { license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' } });
  delete config.info.contact; // DocumentBuilder leaves an empty one; there is no public contact to name
  const document = SwaggerModule.createDocument(app, config, {
    standardSchemaConverter,
    // Every operation names its own (@ApiOperation({ operationId })); this fallback only shows up on one that
    // forgot, and the lint's camelCase rule then names it.
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  return addWebhookCatalog(finishDocument(document));
}

/** Serves the document at /api/openapi.json and interactive docs at /api/docs. */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/openapi.json',
    useGlobalPrefix: false,
    customSiteTitle: 'Roster API',
    yamlDocumentUrl: 'api/openapi.yaml',
  });
}
