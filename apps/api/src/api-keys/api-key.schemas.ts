import { OPERATOR_ROLES } from '@roster/domain';
import type { ApiKey } from '@roster/db';
import { z } from 'zod';
import { idField, nameField } from '../common/schemas.js';
import { examples } from '../openapi/examples.js';

export const createApiKeySchema = z
  .object({
    name: nameField(),
    role: z.enum(OPERATOR_ROLES),
    tenantIds: z.array(idField).max(1000, 'at most 1000 tenants').optional(),
  })
  .strict()
  .meta({ id: 'CreateApiKey' });
export type CreateApiKeyInput = z.output<typeof createApiKeySchema>;

export const apiKeySchema = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    name: z.string(),
    role: z.enum(OPERATOR_ROLES),
    tenantIds: z.array(z.uuid()),
    keyPrefix: z.string().describe('The first characters of the key, to tell keys apart'),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiKey', examples: [examples.apiKey] });
export type ApiKeyResponse = z.infer<typeof apiKeySchema>;

export const createdApiKeySchema = apiKeySchema
  .extend({ key: z.string().describe('The secret key; shown only in this response') })
  .meta({ id: 'CreatedApiKey' });

export function toApiKeyResponse(key: ApiKey): ApiKeyResponse {
  return {
    id: key.id,
    accountId: key.accountId,
    name: key.name,
    role: key.role,
    tenantIds: key.tenantIds,
    keyPrefix: key.keyPrefix,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  };
}
