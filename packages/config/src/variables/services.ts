import { choiceVariable, maskPassword, parsePort, textVariable, urlVariable } from '../kinds.js';
import type { Env } from '../variable.js';
import { defineVariable, reject } from '../variable.js';

/** The deployment's kind and the services every process of it talks to. */

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export const NODE_ENV = choiceVariable(
  {
    name: 'NODE_ENV',
    doc: 'production disables demo data and generated passwords',
    fallback: 'development',
  },
  NODE_ENVS,
  'must be development, production or test',
);

export const DATABASE_URL = urlVariable({
  name: 'DATABASE_URL',
  doc: 'the PostgreSQL database; created if missing, migrated at start',
  fallback: 'postgres://postgres@127.0.0.1:5432/roster',
  protocols: ['postgres:', 'postgresql:'],
});

export const REDIS_URL = urlVariable({
  name: 'REDIS_URL',
  doc: 'Redis for the BullMQ queues, caches and login counters (unused when REDIS_CLUSTER_NODES is set)',
  fallback: 'redis://127.0.0.1:6379',
  protocols: ['redis:', 'rediss:'],
});

/** A Redis Cluster's seed nodes and what every connection to its nodes uses (REDIS_CLUSTER_NODES). */
export interface RedisClusterNodes {
  nodes: { host: string; port: number }[];
  username: string | null;
  password: string | null;
  /** rediss:// seeds: every node is reached over TLS. */
  tls: boolean;
}

/** Whether the environment names a Redis Cluster: then every Redis client is a Cluster client. */
export const redisClusterNamed = (env: Env): boolean => (env.REDIS_CLUSTER_NODES ?? '') !== '';

const HOST_PORT = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):(\d+)$/;
const NODE_REASON = 'must be host:port or a redis:// or rediss:// URL (example: 10.0.0.1:6379)';

interface Seed {
  host: string;
  port: number;
  username: string | null;
  password: string | null;
  /** null for a bare host:port, which takes the scheme of the URLs beside it. */
  tls: boolean | null;
}

/** One seed: `host:port` or a URL (port 6379 when the URL has none); null when it is neither. */
function seedOf(entry: string): Seed | null {
  const plain = HOST_PORT.exec(entry);
  if (plain) {
    const port = parsePort(plain[2]!);
    return port === null ? null : { host: plain[1]!, port, username: null, password: null, tls: null };
  }
  if (!URL.canParse(entry)) return null;
  const url = new URL(entry);
  if (!['redis:', 'rediss:'].includes(url.protocol) || url.hostname === '') return null;
  const port = url.port === '' ? 6379 : parsePort(url.port);
  if (port === null) return null;
  return {
    host: url.hostname,
    port,
    username: url.username === '' ? null : decodeURIComponent(url.username),
    password: url.password === '' ? null : decodeURIComponent(url.password),
    tls: url.protocol === 'rediss:',
  };
}

/**
 * A few of the cluster's nodes, comma-separated; the client learns the others from them. Unset (or empty): one
 * Redis at REDIS_URL. Credentials and TLS come from the URLs, so every seed that has them must agree.
 */
export const REDIS_CLUSTER_NODES = defineVariable<RedisClusterNodes | null>({
  name: 'REDIS_CLUSTER_NODES',
  doc: 'a Redis Cluster instead of REDIS_URL: comma-separated seed nodes, host:port or redis:// / rediss:// URLs',
  documentedDefault: '— (one Redis at `REDIS_URL`)',
  emptyIsUnset: true,
  unset: () => null,
  shown: (text) => text.split(',').map(maskPassword).join(','),
  parse(text) {
    const seeds: Seed[] = [];
    for (const [index, entry] of text.split(',').entries()) {
      const seed = seedOf(entry.trim());
      if (seed === null) return reject(`entry ${index + 1} ${NODE_REASON}`);
      seeds.push(seed);
    }
    // A seed without credentials or scheme takes those of the seeds that have them; two different ones are a mistake.
    const credentials = seeds.find((seed) => seed.username !== null || seed.password !== null);
    const tls = seeds.find((seed) => seed.tls !== null)?.tls ?? false;
    const agrees = (seed: Seed) =>
      (seed.tls === null || seed.tls === tls) &&
      ((seed.username === null && seed.password === null) ||
        (seed.username === credentials!.username && seed.password === credentials!.password));
    if (!seeds.every(agrees)) {
      return reject('must give its seeds one scheme, user and password: they are nodes of one cluster');
    }
    return {
      nodes: seeds.map(({ host, port }) => ({ host, port })),
      username: credentials?.username ?? null,
      password: credentials?.password ?? null,
      tls,
    };
  },
});

/** The hash tag of a key or prefix as Redis Cluster reads it: between the first `{` and the next `}`, not empty. */
export function hashTagOf(key: string): string | null {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : null;
}

/**
 * On a Redis Cluster every key of a flow (parent and children in different queues) must hash to one slot, so
 * the prefix carries a hash tag: `{roster}` by default there, and a prefix set without one is refused rather
 * than failing later with CROSSSLOT on the first flow.
 */
export const ROSTER_QUEUE_PREFIX = defineVariable({
  name: 'ROSTER_QUEUE_PREFIX',
  doc: "BullMQ's key prefix; the API and the worker must share it or jobs never meet their worker",
  fallback: ({ redisCluster }) => (redisCluster ? '{roster}' : 'roster'),
  documentedDefault: '`roster`; `{roster}` on a cluster',
  parse(text, { redisCluster }) {
    if (!/^[A-Za-z0-9_.:{}-]{1,64}$/.test(text)) return reject('must be 1–64 letters, digits or _ . : - { }');
    if (redisCluster && hashTagOf(text) === null) {
      return reject(
        'must hold a hash tag such as {roster} when REDIS_CLUSTER_NODES is set: every queue shares one cluster slot',
      );
    }
    return text;
  },
});

export const TOKEN_ISSUER = textVariable({
  name: 'TOKEN_ISSUER',
  doc: 'the "iss" claim of end-user access tokens',
  fallback: 'roster',
});
