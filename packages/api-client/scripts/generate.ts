/**
 * Regenerates the client from the API's code: openapi.json (the document as served at
 * /api/openapi.json) and src/schema.ts (its TypeScript types). `pnpm api-client:generate`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generateOpenApiDocument } from '@roster/api/openapi';
import openapiTS, { astToString } from 'openapi-typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
export const DOCUMENT_PATH = `${root}openapi.json`;
export const SCHEMA_PATH = `${root}src/schema.ts`;

const HEADER = '// Generated from the Roster OpenAPI document by `pnpm api-client:generate`. Do not edit.\n\n';

export async function renderClientFiles(): Promise<{ document: string; schema: string }> {
  const openapi = await generateOpenApiDocument();
  const document = `${JSON.stringify(openapi, null, 2)}\n`;
  const schema = HEADER + astToString(await openapiTS(openapi as unknown as Parameters<typeof openapiTS>[0]));
  return { document, schema };
}

export async function committedClientFiles(): Promise<{ document: string; schema: string }> {
  const [document, schema] = await Promise.all([
    readFile(DOCUMENT_PATH, 'utf8').catch(() => ''),
    readFile(SCHEMA_PATH, 'utf8').catch(() => ''),
  ]);
  return { document, schema };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { document, schema } = await renderClientFiles();
  await Promise.all([writeFile(DOCUMENT_PATH, document), writeFile(SCHEMA_PATH, schema)]);
  console.log(`Wrote ${DOCUMENT_PATH} and ${SCHEMA_PATH}`);
  process.exit(0);
}
