import os from 'node:os';
import autocannon from 'autocannon';

// One load run with autocannon (a well-kept HTTP benchmarking tool): latency percentiles and
// throughput for `connections` keep-alive connections over `seconds`.

export type Load = {
  target: string;
  connections: number;
  requests: number;
  non2xx: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  /** CPU time per request, ms (user + system of the serving process tree: the app's, or the tenant's for the direct upstream call). */
  cpuMsPerRequest?: number;
  /** The machine's 1/5/15-minute load average when the run ended (`uptime`). */
  loadAverage: number[];
};

/** A short unrecorded run first: JIT, caches and connections warm, as they are in service. */
export async function warmUp(url: string, headers: Record<string, string>): Promise<void> {
  await autocannon({ url, headers, connections: 2, amount: 200 });
}

export async function load(
  target: string,
  url: string,
  headers: Record<string, string>,
  connections: number,
  /** How long, or how many requests in all. */
  size: { seconds: number } | { requests: number },
): Promise<Load> {
  const result = await autocannon({
    url,
    headers,
    connections,
    ...('seconds' in size ? { duration: size.seconds } : { amount: size.requests }),
  });
  return {
    target,
    connections,
    requests: result.requests.total,
    non2xx: result.non2xx,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    requestsPerSecond: Math.round(result.requests.average),
    loadAverage: os.loadavg().map((n) => Number(n.toFixed(2))),
  };
}
