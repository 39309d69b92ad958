import type { FastifyReply } from 'fastify';

/**
 * Answers with JSON text made elsewhere (PostgreSQL builds the users list): Fastify sends a string
 * as it is, so setting the type is all it takes to skip parsing and serializing it again.
 */
export async function rawJson(reply: FastifyReply, json: Promise<string>): Promise<string> {
  const body = await json;
  void reply.type('application/json; charset=utf-8');
  return body;
}
