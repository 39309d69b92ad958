import { v7 as uuidv7 } from 'uuid';

/** UUIDv7: time-ordered, so new rows append to the primary-key index instead of splitting pages. */
export function newId(): string {
  return uuidv7();
}
