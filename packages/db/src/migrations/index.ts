import { Foundation1763800000000 } from './1763800000000-foundation.js';

/** Every migration, in order. A new one is appended here. */
export const MIGRATIONS = [Foundation1763800000000];
