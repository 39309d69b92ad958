import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

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

/** Builds the OpenAPI 3.1 document from the controllers and their schemas. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Roster API')
    .setDescription(
      'End-user management for multi-tenant applications. Errors are RFC 9457 problem details ' +
        '(application/problem+json). Lists use keyset pagination: pass `nextCursor` back as `cursor`.',
    )
    .setVersion('1')
    .setOpenAPIVersion('3.1.0')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque',
      description: 'An operator session token or an API key',
    })
    .build();
  return SwaggerModule.createDocument(app, config, {
    standardSchemaConverter,
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
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
