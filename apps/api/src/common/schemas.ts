import { displayNameProblem } from '@roster/domain';
import { z } from 'zod';

/** A refinement from a rule of packages/domain that returns why a value is refused, or null. */
export const domainRule =
  (problem: (value: string) => string | null) =>
  (value: string, ctx: z.RefinementCtx): void => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  };

/** A trimmed, non-empty display name people read: nothing hidden in it (API.md §5). */
export const nameField = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .superRefine(domainRule(displayNameProblem));

export const idField = z.uuid('must be a UUID');

/** A path parameter that must be a UUID; answers 400 with the parameter named. */
export const idParam = (name: string) => z.object({ [name]: idField });

export const isoDate = z.iso.datetime();

/** ?limit=&cursor=&includeTotal= (API.md §2). */
export const pageQuery = z
  .object({
    // Digits only: Number() would also read "0x10", "1e2" and " 5 ", which no client means as a page size.
    limit: z
      .preprocess(
        (value) => (typeof value === 'string' && /^[0-9]{1,6}$/.test(value) ? Number(value) : value),
        z
          .number({ error: 'must be a whole number from 1 to 200, in decimal digits' })
          .int('must be a whole number')
          .min(1, 'must be at least 1')
          .max(200, 'must be at most 200'),
      )
      .default(50),
    cursor: z.string().max(1000).optional(),
    includeTotal: z
      .enum(['true', 'false'], { message: 'must be true or false' })
      .optional()
      .transform((value) => value === 'true'),
  })
  .strict();
export type PageQuery = z.output<typeof pageQuery>;

/** The list envelope every collection answers with. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int().optional() });
export type { Page } from '@roster/db';
