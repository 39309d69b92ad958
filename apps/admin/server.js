// Starts the built console (adapter-node output in build/) with Roster's settings:
//   ADMIN_PORT (default 5173; PORT also works), ADMIN_HOST or HOST (default 127.0.0.1),
//   API_URL (default http://127.0.0.1:${API_PORT || 3000}).
// Behind a TLS-terminating proxy set ORIGIN (e.g. https://admin.example.com) or PROTOCOL_HEADER
// (e.g. x-forwarded-proto), as adapter-node documents; otherwise requests are taken as plain HTTP.
// BODY_SIZE_LIMIT (default here 512M, adapter-node's own 512K) bounds request bodies, import uploads included.
import console from 'node:console';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import process from 'node:process';
import { setTimeout } from 'node:timers';
import { fileURLToPath, URL } from 'node:url';

const port = Number(process.env.ADMIN_PORT?.trim() || process.env.PORT?.trim() || 5173);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`ADMIN_PORT must be a port number (0–65535), got "${process.env.ADMIN_PORT ?? process.env.PORT}"`);
  process.exit(1);
}
const host = process.env.ADMIN_HOST?.trim() || process.env.HOST?.trim() || '127.0.0.1';

const apiUrl = process.env.API_URL?.trim() || `http://127.0.0.1:${process.env.API_PORT?.trim() || '3000'}`;
try {
  const url = new URL(apiUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
} catch {
  console.error(`API_URL must be an http(s) URL such as http://127.0.0.1:3000, got "${apiUrl}"`);
  process.exit(1);
}
process.env.API_URL = apiUrl;

// Import uploads (up to 512 MB, the API's limit) stream through the console's server to the API, and adapter-node's
// body limit (512K unless BODY_SIZE_LIMIT says otherwise) applies to streamed bodies too.
if (!process.env.BODY_SIZE_LIMIT?.trim()) process.env.BODY_SIZE_LIMIT = '512M';

// adapter-node assumes https when it can't tell; this server speaks plain HTTP, so say so.
const PROTOCOL_HEADER = 'x-roster-admin-protocol';
const plainHttp = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (plainHttp) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;

const handlerUrl = new URL('./build/handler.js', import.meta.url);
if (!existsSync(fileURLToPath(handlerUrl))) {
  console.error('The console is not built yet: run `pnpm --filter @roster/admin build` first.');
  process.exit(1);
}
/** @type {{ handler: import('node:http').RequestListener }} */
const { handler } = await import(handlerUrl.href);

/** Node's default (5 minutes for a whole request) would cut off a large import upload on a slow connection. */
const REQUEST_TIMEOUT_MS = 60 * 60 * 1000;

const server = createServer({ requestTimeout: REQUEST_TIMEOUT_MS }, (req, res) => {
  if (plainHttp) req.headers[PROTOCOL_HEADER] = 'http';
  handler(req, res);
});

server.on('error', (error) => {
  console.error(`The admin console could not listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
});

server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(`Roster admin console on http://${host}:${actualPort} (API: ${apiUrl})`);
});

/** @param {NodeJS.Signals} signal */
function shutdown(signal) {
  console.log(`Received ${signal}, closing the admin console`);
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
