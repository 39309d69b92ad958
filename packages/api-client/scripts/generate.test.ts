import { describe, expect, it } from 'vitest';
import { committedClientFiles, renderClientFiles } from './generate.js';

describe('the generated client', () => {
  it('matches the API as it is now (run `pnpm api-client:generate` and commit if this fails)', async () => {
    const fresh = await renderClientFiles();
    const committed = await committedClientFiles();
    expect(committed.document, 'openapi.json is stale').toBe(fresh.document);
    expect(committed.schema, 'src/schema.ts is stale').toBe(fresh.schema);
  });
});
