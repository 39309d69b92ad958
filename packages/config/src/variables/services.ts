import { choiceVariable, textVariable, urlVariable } from '../kinds.js';
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
  doc: 'Redis for the BullMQ queues',
  fallback: 'redis://127.0.0.1:6379',
  protocols: ['redis:', 'rediss:'],
});

export const ROSTER_QUEUE_PREFIX = defineVariable({
  name: 'ROSTER_QUEUE_PREFIX',
  doc: "BullMQ's key prefix; the API and the worker must share it or jobs never meet their worker",
  fallback: 'roster',
  parse: (text) =>
    /^[A-Za-z0-9_.:{}-]{1,64}$/.test(text) ? text : reject('must be 1–64 letters, digits or _ . : - { }'),
});

export const TOKEN_ISSUER = textVariable({
  name: 'TOKEN_ISSUER',
  doc: 'the "iss" claim of end-user access tokens',
  fallback: 'roster',
});
