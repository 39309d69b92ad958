import { normalizeDomainList } from '@roster/domain';
import { z } from 'zod';

/** `{domains: [...]}` for environment and tenant internal domains: normalized, de-duplicated, each a DNS name. */
export const domainListSchema = z
  .object({ domains: z.array(z.string().max(300, 'must be at most 253 characters')).max(1000, 'at most 1000 domains') })
  .strict()
  .transform((value, ctx) => {
    const result = normalizeDomainList(value.domains);
    if (result.ok) return { domains: result.domains };
    for (const error of result.errors) {
      ctx.addIssue({ code: 'custom', path: ['domains', error.index], message: error.reason });
    }
    return z.NEVER;
  })
  .meta({ id: 'InternalDomains' });

export const domainListResponseSchema = z.object({ domains: z.array(z.string()) }).meta({ id: 'InternalDomainList' });
