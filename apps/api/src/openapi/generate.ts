/**
 * Prints the OpenAPI document without connecting to anything: Nest's preview mode wires
 * the modules for inspection but instantiates no provider (no database, no Redis).
 * Used by packages/api-client to regenerate the typed client.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { setRoutePrefix } from '../app.factory.js';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/config.js';
import { buildOpenApiDocument } from './document.js';

export async function generateOpenApiDocument(): Promise<Record<string, unknown>> {
  const app = await NestFactory.create(AppModule.forRoot(loadConfig({})), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  setRoutePrefix(app);
  const document = buildOpenApiDocument(app);
  await app.close();
  return document as unknown as Record<string, unknown>;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await generateOpenApiDocument(), null, 2)}\n`);
}
