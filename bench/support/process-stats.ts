import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

// CPU time and resident memory of the app: the process listening on the port and all its
// descendants (Next may run the server in a child), read from /proc (Linux only).

const CLOCK_TICKS_PER_SECOND = 100;

function children(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone already
    }
  }
  return byParent;
}

/** The process listening on the port (Next renames itself "next-server", so ask the socket table). */
function rootFor(port: number): number {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process listening on port ${port}`);
  return Number(pid);
}

export function processTree(port: number) {
  const root = rootFor(port);
  const pids = () => {
    const tree = children();
    const all = [root];
    for (let i = 0; i < all.length; i++) all.push(...(tree.get(all[i] ?? -1) ?? []));
    return all;
  };
  const read = (pid: number, file: string) => {
    try {
      return readFileSync(`/proc/${pid}/${file}`, 'utf8');
    } catch {
      return '';
    }
  };
  return {
    /** The listening process and its descendants, as they are now. */
    pids,
    /** Resident memory of one process by kind, MB (/proc/PID/status): heap and stacks, files. */
    rssBreakdownMb: (pid: number) => {
      const status = read(pid, 'status');
      const mb = (field: string) =>
        Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
      return { rss: mb('VmRSS'), anonymous: mb('RssAnon'), files: mb('RssFile') };
    },
    /** user + system CPU time of the whole tree, ms. */
    cpuMs: () =>
      pids().reduce((sum, pid) => {
        const stat = read(pid, 'stat');
        if (!stat) return sum;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]);
        return sum + (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
      }, 0),
    /** Resident memory of the whole tree, MB. */
    rssMb: () =>
      Math.round(
        pids().reduce((sum, pid) => {
          const kb = /VmRSS:\s+(\d+)/.exec(read(pid, 'status'))?.[1];
          return sum + Number(kb ?? 0);
        }, 0) / 1024,
      ),
  };
}
