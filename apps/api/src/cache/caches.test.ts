import { describe, expect, it } from 'vitest';
import { Clock } from '../common/clock.js';
import { Caches, type UserRoleState } from './caches.js';
import type { Invalidation, InvalidationBus } from './invalidation.service.js';

/** Caches on a bus that is listening, with the changes announced by hand. */
function caches() {
  let listener: (event: Invalidation) => void = () => undefined;
  const bus = { live: true, onChange: (fn: typeof listener) => (listener = fn) } as unknown as InvalidationBus;
  return { caches: new Caches(bus, new Clock()), announce: (event: Invalidation) => listener(event) };
}

const state = (environmentId: string): UserRoleState => ({ environmentId, isActive: true, grants: [] });

describe('Caches: user role states', () => {
  it("drops a tenant's role states when the tenant changes, and no other tenant's", async () => {
    const { caches: c, announce } = caches();
    const fill = (tenant: string, user: string) =>
      c.userRoles.fill(c.userRoleKey(tenant, user), async () => state(`env-of-${tenant}-${user}-${Math.random()}`));
    const a = await fill('tenant-a', 'u1');
    const b = await fill('tenant-b', 'u1');
    expect(await fill('tenant-a', 'u1')).toBe(a);

    announce({ kind: 'tenant', tenantId: 'tenant-a' });
    expect(await fill('tenant-a', 'u1')).not.toBe(a);
    expect(await fill('tenant-b', 'u1')).toBe(b);
  });

  it('never serves what a fill read before its tenant changed', async () => {
    const { caches: c, announce } = caches();
    const key = c.userRoleKey('tenant-a', 'u1');
    const before = state('env-1');
    await c.userRoles.fill(key, async () => {
      announce({ kind: 'tenant', tenantId: 'tenant-a' }); // a write commits while the fill reads
      return before;
    });
    const after = state('env-1');
    expect(await c.userRoles.fill(c.userRoleKey('tenant-a', 'u1'), async () => after)).toBe(after);
  });

  it("drops the role states of an environment's users when its roles are declared again", async () => {
    const { caches: c, announce } = caches();
    const kept = state('env-2');
    await c.userRoles.fill(c.userRoleKey('tenant-a', 'u1'), async () => state('env-1'));
    await c.userRoles.fill(c.userRoleKey('tenant-b', 'u1'), async () => kept);
    announce({ kind: 'environment', environmentId: 'env-1' });
    expect(c.userRoles.get(c.userRoleKey('tenant-a', 'u1'))).toBeUndefined();
    expect(c.userRoles.get(c.userRoleKey('tenant-b', 'u1'))).toBe(kept);
  });
});
