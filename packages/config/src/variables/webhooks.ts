import { WEBHOOK_MAX_ATTEMPTS } from '@roster/domain';
import { durationVariable } from '../kinds.js';
import { defineVariable, reject } from '../variable.js';

/** How the worker delivers webhooks (issue 16). */

/**
 * Whether endpoints may resolve to private, loopback or link-local addresses. Refused in production, where a
 * URL such as http://169.254.169.254/ would make Roster a proxy into its own network; allowed elsewhere, so a
 * developer's receiver and the tests' run on 127.0.0.1.
 */
export const WEBHOOK_ALLOW_PRIVATE_ADDRESSES = defineVariable<boolean>({
  name: 'WEBHOOK_ALLOW_PRIVATE_ADDRESSES',
  doc: 'worker: whether webhook URLs may resolve to private, loopback or link-local addresses',
  fallback: ({ nodeEnv }) => (nodeEnv === 'production' ? 'false' : 'true'),
  documentedDefault: '`false` in production, `true` otherwise',
  parse: (text) => (text === 'true' ? true : text === 'false' ? false : reject('must be true or false')),
});

export const WEBHOOK_RETRY_BASE = durationVariable(
  {
    name: 'WEBHOOK_RETRY_BASE',
    doc: 'worker: the wait before a failed webhook delivery is retried the first time (it doubles, up to 720 ×)',
    fallback: '30s',
  },
  'like 500ms, 30s or 1m',
);

export const WEBHOOK_MAX_ATTEMPTS_VARIABLE = defineVariable<number>({
  name: 'WEBHOOK_MAX_ATTEMPTS',
  doc: 'worker: attempts of one webhook delivery before it fails and its endpoint is disabled',
  fallback: String(WEBHOOK_MAX_ATTEMPTS),
  parse: (text) => {
    const value = Number(text);
    return /^\d+$/.test(text) && value >= 1 && value <= 100 ? value : reject('must be a whole number from 1 to 100');
  },
});
