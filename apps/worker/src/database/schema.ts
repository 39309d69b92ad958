import { pendingMigrations } from '@roster/db';
import type { DataSource } from 'typeorm';

export class SchemaNotReadyError extends Error {
  constructor(
    readonly pending: string[],
    waitedMs: number,
  ) {
    super(
      `The database schema is not migrated (pending: ${pending.join(', ')}) after waiting ${Math.round(waitedMs / 1000)} s. ` +
        'The API migrates at start; or run `pnpm db:migrate`.',
    );
  }
}

/**
 * Waits until every known migration has run. Worker and API may start together (or the
 * worker may be deployed first), so a short wait beats crashing into "relation does not exist".
 */
export async function waitForSchema(
  dataSource: DataSource,
  { timeoutMs, pollMs = 1000, onWait }: { timeoutMs: number; pollMs?: number; onWait?: (pending: string[]) => void },
): Promise<void> {
  const started = Date.now();
  let pending = await pendingMigrations(dataSource);
  if (pending.length > 0) onWait?.(pending);
  while (pending.length > 0) {
    if (Date.now() - started >= timeoutMs) throw new SchemaNotReadyError(pending, Date.now() - started);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    pending = await pendingMigrations(dataSource);
  }
}
