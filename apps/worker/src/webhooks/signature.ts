import { createHmac } from 'node:crypto';

/**
 * The Standard Webhooks signature (standardwebhooks.com): HMAC-SHA256 with the secret's key over
 * `{webhook-id}.{webhook-timestamp}.{body}`, base64, as `v1,<signature>`. Several secrets (a rotation's grace
 * period) give several signatures, space-separated: a receiver accepts the message if any one verifies.
 */
export function signatureHeader(keys: readonly Buffer[], id: string, timestamp: number, body: string): string {
  const content = `${id}.${timestamp}.${body}`;
  return keys.map((key) => `v1,${createHmac('sha256', key).update(content).digest('base64')}`).join(' ');
}
