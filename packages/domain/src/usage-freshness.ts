/**
 * Which usage snapshot is served (DESIGN.md §3: "a served total never goes back to older data"). A snapshot is
 * stamped with when its data was read, not when it was written: a flow's parent can finish long after its
 * children counted (a count held up by a lock, a worker killed and the parent retried), and its write time would
 * then pass older counts off as the newest.
 */

/** What orders snapshots: the time of their data first, then when they were written, then their id. */
export interface SnapshotTimes {
  dataAsOf: Date;
  computedAt: Date;
  id: string;
}

/**
 * When a snapshot built from several reads holds data as of: the oldest of them, since the snapshot is no
 * newer than its stalest part. Undefined when there is nothing read.
 */
export function oldestReadTime(readTimes: Iterable<Date>): Date | undefined {
  let oldest: Date | undefined;
  for (const time of readTimes) if (oldest === undefined || time.getTime() < oldest.getTime()) oldest = time;
  return oldest;
}

/**
 * Negative when `a` is served before `b`: newer data first; for data of the same instant, the later write, then
 * the greater id (only so that the choice never depends on the order rows come back in). The SQL of
 * packages/db orders the same way (data_as_of DESC, computed_at DESC, id DESC).
 */
export function servedFirst(a: SnapshotTimes, b: SnapshotTimes): number {
  return (
    b.dataAsOf.getTime() - a.dataAsOf.getTime() ||
    b.computedAt.getTime() - a.computedAt.getTime() ||
    (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)
  );
}

/** The snapshot served among these. */
export function servedSnapshot<T extends SnapshotTimes>(snapshots: Iterable<T>): T | undefined {
  let served: T | undefined;
  for (const snapshot of snapshots) if (served === undefined || servedFirst(snapshot, served) < 0) served = snapshot;
  return served;
}

/**
 * Whether a snapshot whose data is as of `candidate` may still be stored for an account whose newest stored data
 * is as of `newestStored`: not when it is older. Storing it would not change what is served (servedFirst ranks it
 * lower) but would put counts that never were the latest into the history, next to the ones that were.
 */
export function isSuperseded(candidate: Date, newestStored: Date | undefined): boolean {
  return newestStored !== undefined && candidate.getTime() < newestStored.getTime();
}
