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

function commandSeconds(command: string): number {
  let seconds = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === command) seconds += processSeconds(pid);
    } catch {
      // exited meanwhile
    }
  }
  return seconds;
}

/** CPU seconds used so far; null where /proc is not there to read (not Linux). */
export function cpuTimes(apiPid: number): CpuTimes | null {
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

/** The cores each used between two readings, over `seconds` of wall time. */
export function coresBetween(before: CpuTimes, after: CpuTimes, seconds: number): CpuTimes {
  const cores = (key: keyof CpuTimes) => Math.round(((after[key] - before[key]) / seconds) * 100) / 100;
  return {
    api: cores('api'),
    postgres: cores('postgres'),
    redis: cores('redis'),
    loadGenerator: cores('loadGenerator'),
  };
}
