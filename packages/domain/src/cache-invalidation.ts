import type { Invalidation } from './change-events.js';

/**
 * Where cache invalidations travel between processes (the API's InvalidationBus listens; the worker's relay
 * publishes what a crashed API replica could not). `current` carries announcements each API replica confirms;
 * `previous` carries bare lists of invalidations, for replicas of the previous release during a rolling update.
 */
export function cacheInvalidationChannels(queuePrefix: string): { current: string; previous: string } {
  const previous = `${queuePrefix}:cache-invalidations`;
  return { current: `${previous}:confirmed-v2`, previous };
}

/** One announcement: who sends it (confirmations go to `<current>:replica:<from>`), its number, and what changed. */
export interface InvalidationAnnouncement {
  from: string;
  id: number;
  events: Invalidation[];
}
