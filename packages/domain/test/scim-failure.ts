import { ScimError } from '../src/scim/errors.js';

/** The error a call throws, as SCIM reports it; a test helper for what must be refused. */
export function scimFailure(run: () => unknown): { status: number; scimType?: string; detail: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return { status: error.status, scimType: error.scimType, detail: error.detail };
    throw error;
  }
  throw new Error('expected a ScimError');
}
