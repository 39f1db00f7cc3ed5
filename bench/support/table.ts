import type { LighthouseResult } from './lighthouse';
import type { Load } from './load';

type Results = {
  machine: { cpus: string; memoryGb: number; loadAverage: number[]; node: string };
  bytes: {
    routes: { route: string; gzip: number }[];
    security: { firstLoad: number; baseline: number; keyward: number };
  };
  calls: Record<string, { management: number; token: number }>;
  latency: Load[];
  rssMb: { idle: number; underLoad: number; after: number };
  lighthouse: LighthouseResult;
};

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** The one table the bench prints (and docs/performance.md shows). */
export function printTable(r: Results): void {
  const rows: [string, string][] = [];
  rows.push([
    'Machine',
    `${r.machine.cpus}, ${r.machine.memoryGb} GB, load ${r.machine.loadAverage.join(' ')}, Node ${r.machine.node}`,
  ]);
  for (const route of r.bytes.routes)
    rows.push([`First-load JS ${route.route} (gz)`, kb(route.gzip)]);
  rows.push(['Framework baseline /_not-found (gz)', kb(r.bytes.security.baseline)]);
  rows.push(["Keyward's JS on /security above baseline (gz)", kb(r.bytes.security.keyward)]);
  for (const [action, c] of Object.entries(r.calls))
    rows.push([`Calls: ${action}`, `${c.management} Management, ${c.token} token`]);
  for (const l of r.latency) {
    const cpu =
      l.cpuMsPerRequest === undefined ? '' : `, CPU ${l.cpuMsPerRequest.toFixed(1)} ms/req`;
    rows.push([
      `${l.target} @${l.connections}`,
      `p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms, ${l.requestsPerSecond} req/s${cpu}${l.non2xx ? `, ${l.non2xx} non-2xx` : ''}`,
    ]);
  }
  rows.push([
    'RSS idle / under load (peak) / 10 s after',
    `${r.rssMb.idle} / ${r.rssMb.underLoad} / ${r.rssMb.after} MB`,
  ]);
  if ('skipped' in r.lighthouse) rows.push(['Lighthouse', `skipped: ${r.lighthouse.skipped}`]);
  else
    for (const [form, l] of Object.entries(r.lighthouse))
      rows.push([
        `Lighthouse ${form} /security`,
        `${l.performance}, LCP ${l.lcpMs} ms, TBT ${l.tbtMs} ms, FCP ${l.fcpMs} ms, CLS ${l.cls}`,
      ]);
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n'));
}
