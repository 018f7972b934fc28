/**
 * The database server's CPU time, read from /proc: the cluster's server
 * processes (children of its postmaster). Only the run measuring may use the
 * cluster. On a machine others load, wall time is noise; CPU time is the figure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * CPU ticks of each server process of the cluster (children of its postmaster), from /proc; only those of
 * `pids` when given (one client's connections, while others use the cluster).
 */
export function serverTicks(dataDir: string, pids?: ReadonlySet<string>): Map<string, number> {
  const postmaster = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0].trim();
  const out = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || (pids && !pids.has(pid))) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // Counted from the state field: [1] parent pid, [11] user ticks, [12] system ticks (proc(5)).
      if (fields[1] === postmaster) out.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // Ended meanwhile.
    }
  }
  return out;
}

/**
 * Server CPU ms between two snapshots: each process's growth, a process
 * started meanwhile counted whole (a connection the pool opened), one that
 * ended not at all (its last ticks are lost: a small undercount).
 */
export function serverCpuBetween(before: Map<string, number>, after: Map<string, number>): number {
  let ticks = 0;
  for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
  return ticks * 10;
}
