import { describe, expect, it } from 'vitest';
import { capabilitiesOf } from './capabilities';

describe('capabilitiesOf: webhooks', () => {
  it('lets owners, admins and the platform admin manage webhooks, and nobody else', () => {
    expect(capabilitiesOf('owner').manageWebhooks).toBe(true);
    expect(capabilitiesOf('admin').manageWebhooks).toBe(true);
    expect(capabilitiesOf('platform-admin').manageWebhooks).toBe(true);
    expect(capabilitiesOf('billing').manageWebhooks).toBe(false);
    expect(capabilitiesOf('tenant-admin').manageWebhooks).toBe(false);
  });
});
