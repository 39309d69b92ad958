import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';
import { createAccountWorld } from './world.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('harness', () => {
  it('builds a world', async () => {
    const world = await createAccountWorld(t);
    const me = await t.request('GET', '/me', { token: world.keys['tenant-admin'] });
    expect(me.body).toMatchObject({ kind: 'api-key', role: 'tenant-admin', tenantIds: [world.tenantId] });
  });
});
