import { ConfigError } from '../src/config-error.js';

/** The problems of the ConfigError `read` throws; fails when it throws none. */
export function problemsOf(read: () => unknown): string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
