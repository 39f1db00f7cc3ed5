import type { LighthouseResult } from './lighthouse';
import type { Load } from './load';

type Results = {
  machine: { cpus: string; memoryGb: number; loadAverage: number[]; node: string };
  bytes: {
    routes: { route: string; gzip: number }[];
    security: { firstLoad: number; baseline: number; keyward: number };
  };
  calls: Record<string, { management: number; token: number }>;
  setCookieOnPlainView: boolean;
  latency: Load[];
  rssMb: { idle: number; underLoad: number; after: number };
  lighthouse: { security: LighthouseResult; home: LighthouseResult; loadAverage: number[] };
};

/** kB as 1,000 bytes. */
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? 'n/a' : `${(a / b).toFixed(1)}×`;

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
  rows.push(['Set-Cookie on a plain /security view', r.setCookieOnPlainView ? 'yes' : 'none']);
  for (const l of r.latency) {
    const cpu =
      l.cpuMsPerRequest === undefined ? '' : `, CPU ${l.cpuMsPerRequest.toFixed(2)} ms/req`;
    const upstream = r.latency.find(
      (u) => u.target === 'upstream direct' && u.connections === l.connections,
    );
    const vs = l === upstream ? '' : ` (${ratio(l.cpuMsPerRequest, upstream?.cpuMsPerRequest)})`;
    rows.push([
      `${l.target} @${l.connections}`,
      `p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms, ${l.requestsPerSecond} req/s${cpu}${vs}${l.non2xx ? `, ${l.non2xx} non-2xx` : ''}, load ${l.loadAverage.join(' ')}`,
    ]);
  }
  rows.push([
    'RSS idle / under load (peak) / 30 s after',
    `${r.rssMb.idle} / ${r.rssMb.underLoad} / ${r.rssMb.after} MB`,
  ]);
  const { security, home, loadAverage } = r.lighthouse;
  for (const [route, result] of [
    ['/security', security],
    ['/', home],
  ] as const) {
    if ('skipped' in result) rows.push([`Lighthouse ${route}`, `skipped: ${result.skipped}`]);
    else
      for (const [form, l] of Object.entries(result))
        rows.push([
          `Lighthouse ${form} ${route}`,
          `${l.performance}, LCP ${l.lcpMs} ms, TBT ${l.tbtMs} ms, FCP ${l.fcpMs} ms, CLS ${l.cls}, load ${loadAverage.join(' ')}`,
        ]);
  }
  if (!('skipped' in security) && !('skipped' in home))
    rows.push([
      'LCP /security ÷ LCP / (mobile, desktop)',
      `${ratio(security.mobile.lcpMs, home.mobile.lcpMs)}, ${ratio(security.desktop.lcpMs, home.desktop.lcpMs)}`,
    ]);
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n'));
}
