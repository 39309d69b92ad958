import { describe, expect, it } from 'vitest';
import { metricsRefusal } from './metrics-access.js';

const TOKEN = 'a-metrics-token-of-some-length';
const bearer = `Bearer ${TOKEN}`;

describe('metricsRefusal (API.md §11)', () => {
  const refusal = (
    metricsToken: string | null,
    metricsPort: number | null,
    where: 'api-port' | 'metrics-port',
    auth?: string,
  ) => metricsRefusal({ metricsToken, metricsPort }, where, auth)?.status ?? 200;

  it('is off with neither setting', () => {
    expect(refusal(null, null, 'api-port', bearer)).toBe(404);
  });

  it('asks for the token on the API port when only the token is set', () => {
    expect(refusal(TOKEN, null, 'api-port', bearer)).toBe(200);
    expect(refusal(TOKEN, null, 'api-port')).toBe(401);
  });

  it('serves only the metrics port when one is set, asking for the token there too when one is set', () => {
    expect(refusal(null, 9464, 'metrics-port')).toBe(200);
    expect(refusal(null, 9464, 'api-port', bearer)).toBe(404);
    expect(refusal(TOKEN, 9464, 'api-port', bearer)).toBe(404);
    expect(refusal(TOKEN, 9464, 'metrics-port', bearer)).toBe(200);
    expect(refusal(TOKEN, 9464, 'metrics-port')).toBe(401);
  });
});
