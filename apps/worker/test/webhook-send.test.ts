/** One webhook POST (send.ts): the address rule, no redirects, the timeout and the response cap, on loopback. */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { addressRefusal, sendWebhook } from '../src/webhooks/send.js';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener).listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
}

const post = (url: string, extra: { allowPrivate?: boolean; timeoutMs?: number } = {}) =>
  sendWebhook({ url, headers: { 'content-type': 'application/json' }, body: '{"a":1}', allowPrivate: true, ...extra });

describe('addressRefusal', () => {
  it('lets public unicast addresses through and names every other range', () => {
    const cases: [string, RegExp | null][] = [
      ['93.184.216.34', null],
      ['2606:4700:4700::1111', null],
      ['127.0.0.1', /loopback/],
      ['10.1.2.3', /private/],
      ['172.16.0.1', /private/],
      ['192.168.1.1', /private/],
      ['169.254.169.254', /linkLocal/],
      ['100.64.0.1', /carrierGradeNat/],
      ['0.0.0.0', /unspecified/],
      ['::1', /loopback/],
      ['fe80::1', /linkLocal/],
      ['fd00::1', /uniqueLocal/],
      ['::ffff:127.0.0.1', /loopback/],
      ['::ffff:10.0.0.1', /private/],
    ];
    for (const [address, expected] of cases) {
      const refusal = addressRefusal(address);
      if (expected) expect(refusal, address).toMatch(expected);
      else expect(refusal, address).toBeNull();
    }
  });
});

describe('sendWebhook', () => {
  it('answers the status and the start of the body', async () => {
    const url = await serve((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => response.writeHead(202).end(`got ${body} as ${request.headers['content-type']}`));
    });
    const result = await post(url);
    expect(result).toMatchObject({ status: 202, error: null, excerpt: 'got {"a":1} as application/json' });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('does not follow a redirect', async () => {
    let followed = false;
    const target = await serve((_, response) => {
      followed = true;
      response.end();
    });
    const url = await serve((_, response) => response.writeHead(307, { location: target }).end());
    expect((await post(url)).status).toBe(307);
    expect(followed).toBe(false);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const url = await serve(() => undefined); // never answers
    const result = await post(url, { timeoutMs: 300 });
    expect(result).toMatchObject({ status: null, error: 'no complete answer within 0.3 s' });
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
  });

  it('reads at most 64 KiB of an answer and keeps 1 KiB', async () => {
    const url = await serve((_, response) => {
      response.writeHead(200);
      const chunk = Buffer.alloc(16 * 1024, 'x');
      const timer = setInterval(() => response.write(chunk), 1); // an endless body
      response.on('close', () => clearInterval(timer));
    });
    const result = await post(url, { timeoutMs: 5_000 });
    expect(result.status).toBe(200);
    expect(result.excerpt).toHaveLength(1024);
  });

  it('refuses loopback and private addresses unless allowed, by literal and by name', async () => {
    const url = await serve((_, response) => response.end());
    const literal = await post(url, { allowPrivate: false });
    expect(literal).toMatchObject({ status: null, error: expect.stringMatching(/127\.0\.0\.1 is a loopback address/) });
    const byName = await post(url.replace('127.0.0.1', 'localhost'), { allowPrivate: false });
    expect(byName).toMatchObject({ status: null, error: expect.stringMatching(/localhost resolves to .* loopback/) });
    expect(await post(url.replace('127.0.0.1', 'localhost'))).toMatchObject({ status: 200 });
  });

  it('says what went wrong when nothing listens', async () => {
    const url = await serve((_, response) => response.end());
    servers[0]!.close();
    servers[0]!.closeAllConnections();
    servers.splice(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await post(url)).error).toBe('the connection was refused (is the receiver running?)');
  });
});
