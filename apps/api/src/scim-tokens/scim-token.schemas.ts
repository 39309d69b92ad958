import type { ApiKey } from '@roster/db';
import { z } from 'zod';
import { nameField } from '../common/schemas.js';

export const createScimTokenSchema = z
  .object({
    name: nameField().describe('What the token is for, such as "Entra ID"; unique in the tenant, ignoring case'),
  })
  .strict()
  .meta({ id: 'CreateScimToken' });
export type CreateScimTokenInput = z.output<typeof createScimTokenSchema>;

export const scimTokenSchema = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid(),
    name: z.string(),
    tokenPrefix: z.string().describe('The first characters of the token, to tell tokens apart'),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ScimToken' });
export type ScimTokenResponse = z.infer<typeof scimTokenSchema>;

export const createdScimTokenSchema = scimTokenSchema
  .extend({ token: z.string().describe('The secret token to paste into the identity provider; shown only here') })
  .meta({ id: 'CreatedScimToken' });

export function toScimTokenResponse(key: ApiKey): ScimTokenResponse {
  return {
    id: key.id,
    tenantId: key.tenantIds[0]!,
    name: key.name,
    tokenPrefix: key.keyPrefix,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  };
}

export const scimRequestSchema = z
  .object({
    at: z.iso.datetime(),
    method: z.string(),
    path: z.string().describe('Below the tenant’s SCIM base URL, with the query (a query is cut at 500 characters)'),
    status: z.number().int(),
    scimType: z.string().optional().describe('The SCIM error type, when the request failed with one'),
    detail: z.string().optional().describe('What the error said'),
    tokenId: z.uuid().describe('The SCIM token the request was authenticated with'),
    tokenName: z.string().nullable().describe('That token’s name; null once it was revoked'),
    durationMs: z.number(),
    operations: z.number().int().optional().describe('How many operations a Bulk request carried'),
  })
  .meta({ id: 'ScimRequest' });

export const scimRequestsSchema = z.object({ items: z.array(scimRequestSchema) }).meta({ id: 'ScimRequests' });
