import type { Tenant } from '@roster/db';
import { z } from 'zod';
import { nameField } from '../common/schemas.js';
import { examples } from '../openapi/examples.js';

export const createTenantSchema = z.object({ name: nameField() }).strict().meta({ id: 'CreateTenant' });
export const updateTenantSchema = z.object({ name: nameField().optional() }).strict().meta({ id: 'UpdateTenant' });

export const tenantSchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    environmentId: z.uuid(),
    name: z.string(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Tenant', examples: [examples.tenant] });
export type TenantResponse = z.infer<typeof tenantSchema>;

export function toTenantResponse(tenant: Tenant): TenantResponse {
  return {
    id: tenant.id,
    accountId: tenant.accountId,
    environmentId: tenant.environmentId,
    name: tenant.name,
    createdAt: tenant.createdAt.toISOString(),
    updatedAt: tenant.updatedAt.toISOString(),
  };
}
