import { z } from 'zod';
import { examples } from '../openapi/examples.js';

export const jobIdParam = z.object({ jobId: z.string().min(1).max(200) });

export const jobSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    state: z.enum(['waiting', 'active', 'completed', 'failed']),
    progress: z.unknown().describe('a number (percent) or an object, as the job reports it'),
    result: z.unknown().describe('the job’s return value once completed, else null'),
    failedReason: z.string().nullable(),
  })
  .meta({ id: 'Job', examples: [examples.job] });
export type JobResponse = z.output<typeof jobSchema>;
