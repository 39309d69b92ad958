import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { WEBHOOK_RESPONSE_CAP_BYTES, WEBHOOK_RESPONSE_EXCERPT_BYTES, WEBHOOK_TIMEOUT_MS } from '@roster/domain';

/** What one POST came to: a status (any), or an error a person can act on; the time it took. */
export interface SendResult {
  status: number | null;
  error: string | null;
  durationMs: number;
  excerpt: string | null;
}

export interface SendOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Whether private, loopback and link-local addresses may be reached (WEBHOOK_ALLOW_PRIVATE_ADDRESSES). */
  allowPrivate: boolean;
  timeoutMs?: number;
}

/**
 * POSTs one webhook. Redirects are not followed (a 3xx is the answer, a failure); the whole exchange has
 * WEBHOOK_TIMEOUT_MS; at most WEBHOOK_RESPONSE_CAP_BYTES of the answer are read. The address is checked where
 * the connection is made — after DNS resolution, on the very address connected to — so a name that resolves to
 * 10.0.0.1, or changes its answer between a check and the connect, cannot reach a private network.
 */
export function sendWebhook(options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const url = new URL(options.url);
  const refused = options.allowPrivate ? null : literalRefusal(url.hostname);
  if (refused) return Promise.resolve({ status: null, error: refused, durationMs: 0, excerpt: null });

  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<SendResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'POST',
      headers: { ...options.headers, 'content-length': Buffer.byteLength(options.body) },
      lookup: options.allowPrivate ? undefined : publicOnlyLookup,
      agent: false,
    });
    const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
    const timer = setTimeout(() => {
      request.destroy();
      finish({ status: null, error: `no complete answer within ${timeoutMs / 1000} s`, excerpt: null });
    }, timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) =>
      finish({ status: null, error: describe(error), excerpt: null }),
    );
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let received = 0;
      const done = () => {
        const excerpt = Buffer.concat(chunks).subarray(0, WEBHOOK_RESPONSE_EXCERPT_BYTES).toString('utf8');
        finish({ status: response.statusCode ?? null, error: null, excerpt: excerpt || null });
      };
      response.on('data', (chunk: Buffer) => {
        if (received < WEBHOOK_RESPONSE_EXCERPT_BYTES) chunks.push(chunk);
        received += chunk.length;
        if (received > WEBHOOK_RESPONSE_CAP_BYTES) {
          // Enough: the status is known, and a receiver answering megabytes must not hold the worker.
          response.destroy();
          done();
        }
      });
      response.on('end', done);
      response.on('error', done);
    });
    request.end(options.body);
  });
}

/** Why an address may not be reached, or null when it is a public unicast address. */
export function addressRefusal(address: string): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  const range = parsed.range();
  return range === 'unicast'
    ? null
    : `${address} is a ${range} address, which webhooks may not reach (WEBHOOK_ALLOW_PRIVATE_ADDRESSES=false)`;
}

function literalRefusal(hostname: string): string | null {
  const host = hostname.replace(/^\[|\]$/g, '');
  return isIP(host) ? addressRefusal(host) : null;
}

/** dns.lookup, refusing a name any of whose addresses is not public. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const refused = addresses.map((entry) => addressRefusal(entry.address)).find((reason) => reason !== null);
    if (refused)
      return callback(Object.assign(new Error(`${hostname} resolves to ${refused}`), { code: 'EREFUSED' }), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    return callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

function describe(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'the connection was refused (is the receiver running?)';
    case 'ENOTFOUND':
      return 'the host name does not resolve';
    case 'ECONNRESET':
      return 'the receiver closed the connection';
    default:
      return error.message;
  }
}
