/**
 * Where the machine's CPU goes during a measurement: the API, PostgreSQL (every backend), Redis and
 * the benchmark itself (the load generator). On two cores they all compete, so this is what bounds
 * throughput, and what a figure would gain from a machine of its own for the database or the client.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuTimes {
  api: number;
  postgres: number;
  redis: number;
  loadGenerator: number;
}

/** CPU seconds so far per process; PostgreSQL and Redis per pid, as backends come and go. */
export interface CpuSnapshot {
  api: number;
  postgres: Map<string, number>;
  redis: Map<string, number>;
  loadGenerator: number;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS = 100;

function processSeconds(pid: string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0; // exited meanwhile
  }
}

function commandSeconds(command: string): Map<string, number> {
  const seconds = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === command) seconds.set(pid, processSeconds(pid));
    } catch {
      // exited meanwhile
    }
  }
  return seconds;
}

/** CPU seconds used so far; null where /proc is not there to read (not Linux). */
export function cpuTimes(apiPid: number): CpuSnapshot | null {
  try {
    readdirSync('/proc');
  } catch {
    return null;
  }
  const own = process.cpuUsage();
  return {
    api: processSeconds(String(apiPid)),
    postgres: commandSeconds('postgres'),
    redis: commandSeconds('redis-server'),
    loadGenerator: (own.user + own.system) / 1e6,
  };
}

/** What processes of one command used between two readings: a process started meanwhile counts whole. */
function sinceBefore(before: Map<string, number>, after: Map<string, number>): number {
  let seconds = 0;
  for (const [pid, total] of after) seconds += total - (before.get(pid) ?? 0);
  return seconds;
}

/** The cores each used between two readings, over `seconds` of wall time. */
export function coresBetween(before: CpuSnapshot, after: CpuSnapshot, seconds: number): CpuTimes {
  const cores = (used: number) => Math.round((used / seconds) * 100) / 100;
  return {
    api: cores(after.api - before.api),
    postgres: cores(sinceBefore(before.postgres, after.postgres)),
    redis: cores(sinceBefore(before.redis, after.redis)),
    loadGenerator: cores(after.loadGenerator - before.loadGenerator),
  };
}
