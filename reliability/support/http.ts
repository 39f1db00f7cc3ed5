import { Agent, request } from 'node:http';

// A raw HTTP client for the suite: exact paths (`/api/factors/%` stays `%`), any method token,
// any body and headers, and a hard time limit. Errors below HTTP (refused, reset) are status 0.

export type Answer = {
  status: number;
  headers: Record<string, string>;
  text: string;
  ms: number;
  /** Every Set-Cookie header, unjoined. */
  setCookies?: string[];
  /** Set when no HTTP answer came back. */
  error?: string;
};

export type Send = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
};

const agent = new Agent({ keepAlive: true, maxSockets: 32 });

/** Sends one request to `base` + `path` (path sent verbatim). Never throws. */
export function send(base: string, path: string, options: Send = {}): Promise<Answer> {
  const url = new URL(base);
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer: Omit<Answer, 'ms'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...answer, ms: Date.now() - started });
    };
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port: Number(url.port),
        method: options.method ?? 'GET',
        path,
        headers: { host: url.host, ...options.headers },
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined)
              headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          done({
            status: res.statusCode ?? 0,
            headers,
            text: Buffer.concat(chunks).toString('utf8'),
            setCookies: res.headers['set-cookie'] ?? [],
          });
        });
        res.on('error', (error) =>
          done({ status: 0, headers: {}, text: '', error: error.message }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', (error) => done({ status: 0, headers: {}, text: '', error: error.message }));
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** JSON body of an answer, or null. */
export function json<T = unknown>(answer: Answer): T | null {
  try {
    return JSON.parse(answer.text) as T;
  } catch {
    return null;
  }
}

/** The error code of one of Keyward's JSON error bodies, if it is one. */
export function errorCode(answer: Answer): string | null {
  const body = json<{ error?: { code?: unknown } }>(answer);
  return typeof body?.error?.code === 'string' ? body.error.code : null;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A tiny cookie jar for scripted clients: what a browser would send after each answer. */
export function cookieJar(initial: string) {
  const jar = new Map<string, string>();
  for (const pair of initial.split('; ').filter(Boolean)) {
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return {
    header: () => [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
    update(answer: Answer) {
      for (const line of answer.setCookies ?? []) {
        const [pair = '', ...attributes] = line.split(';');
        const at = pair.indexOf('=');
        const name = pair.slice(0, at).trim();
        const expired = attributes.some(
          (a) =>
            /^\s*max-age=0\s*$/i.test(a) ||
            (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now()),
        );
        if (expired) jar.delete(name);
        else jar.set(name, pair.slice(at + 1).trim());
      }
    },
  };
}
