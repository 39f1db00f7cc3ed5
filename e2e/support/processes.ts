import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export async function waitFor(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null)
      throw new Error(`${url}: process exited (${child.exitCode})`);
    try {
      const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export type Running = { url: string; close: () => Promise<void> };

/**
 * A server that can also be stopped and started again on the same port with the same settings
 * and the same database: for "the tenant is down" and for restarting an app instance.
 */
export type Restartable = Running & {
  port: number;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s; `{ kill: true }` sends SIGKILL at once). */
  stop: (options?: { kill?: boolean }) => Promise<void>;
  /** Starts it again if it is stopped, and waits until it answers. */
  start: () => Promise<void>;
  running: () => boolean;
};

let serverLog: WriteStream | undefined;

/** E2E_SERVER_LOG=<file>: every server's output goes to that file (appended) instead. */
function serverLogFile(): WriteStream | undefined {
  const path = process.env.E2E_SERVER_LOG;
  if (!path) return undefined;
  if (!serverLog) {
    mkdirSync(dirname(path), { recursive: true });
    serverLog = createWriteStream(path, { flags: 'a' });
  }
  return serverLog;
}

function spawnLogged(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const file = serverLogFile();
  if (file) {
    const prefix = (d: Buffer) =>
      d
        .toString()
        .split('\n')
        .filter(Boolean)
        .map((line) => `[${name}] ${line}\n`)
        .join('');
    child.stdout?.on('data', (d: Buffer) => file.write(prefix(d)));
    child.stderr?.on('data', (d: Buffer) => file.write(prefix(d)));
  }
  // Keep server output out of the test report unless asked for: it is noisy and may hold ids.
  const verbose = process.env.E2E_VERBOSE === '1';
  // If the Playwright worker dies before teardown (a timeout, Ctrl-C), take the server with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  if (!file) {
    child.stdout?.on('data', (d: Buffer) => verbose && process.stdout.write(`[${name}] ${d}`));
    child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[${name}] ${d}`));
  }
  return child;
}

async function stop(child: ChildProcess, kill = false): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  if (kill) {
    child.kill('SIGKILL');
    await exited;
    return;
  }
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** The tenant's process, and its SQLite file (for tests that need its signing keys). */
export type TenantProcess = Restartable & { dbPath: string };

/** Starts the tenant on `port`, its local inbox's SMTP server on `smtpPort` (127.0.0.1). */
export async function startTenant(
  port: number,
  appUrls: string[],
  smtpPort: number,
): Promise<TenantProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-tenant-'));
  const env = {
    ...process.env,
    LOCAL_TENANT_PORT: String(port),
    LOCAL_TENANT_DB: join(dir, 'tenant.sqlite'),
    LOCAL_TENANT_TEST_MODE: '1',
    LOCAL_TENANT_APP_URLS: appUrls.join(','),
    LOCAL_TENANT_SMTP_PORT: String(smtpPort),
  };
  const url = `http://localhost:${port}`;
  const server = await restartable(
    port,
    url,
    () => spawnLogged('tenant', ['--import', 'tsx', 'local-tenant/src/main.ts'], env),
    `${url}/_local/health`,
    // tsx compiles the tenant at start: on a loaded 2-core machine that took 47 s (load 34).
    120_000,
  );
  return {
    ...server,
    dbPath: env.LOCAL_TENANT_DB,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Spawns with `spawnChild`, waits for `readyUrl`, and can stop and start the same command again. */
async function restartable(
  port: number,
  url: string,
  spawnChild: () => ChildProcess,
  readyUrl: string,
  readyMs: number,
): Promise<Restartable> {
  let child: ChildProcess | null = null;
  const running = () => child !== null && child.exitCode === null && child.signalCode === null;
  const start = async () => {
    if (running()) return;
    child = spawnChild();
    await waitFor(readyUrl, readyMs, child);
  };
  const stopIt = async (options: { kill?: boolean } = {}) => {
    if (child) await stop(child, options.kill);
    child = null;
  };
  await start();
  return { url, port, start, stop: stopIt, running, close: () => stopIt() };
}

/**
 * Starts the built app (`next build` ran before Playwright) against the tenant on `tenantPort`,
 * mailing to the tenant's inbox on `smtpPort`. `mode: 'dev'` runs `next dev` instead (React
 * StrictMode's doubled effects, compiling on first request): for the few tests about behaviour
 * that differs there. Its output goes to .next/dev, beside the production build.
 */
export async function startApp(
  port: number,
  tenantPort: number,
  smtpPort: number,
  env: Record<string, string> = {},
  mode: 'production' | 'dev' = 'production',
): Promise<Restartable> {
  const url = `http://localhost:${port}`;
  const { AUTH0_DOMAIN: _ignored, ...inherited } = process.env;
  // Each app keeps its sessions' SQLite file in a folder of its own, kept across restarts (as a
  // deployment's data folder is), so test runs and instances never share sign-ins by accident.
  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-app-'));
  const childEnv: NodeJS.ProcessEnv = {
    ...inherited,
    NODE_ENV: mode === 'dev' ? 'development' : 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    // Tests spend the tenant's Management API freely unless they set a budget themselves.
    AUTH0_MGMT_RPS: '1000',
    APP_BASE_URL: url,
    LOCAL_TENANT_PORT: String(tenantPort),
    KEYWARD_DATA_DIR: dataDir,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    // Retries at most a second apart, so mail held back by an SMTP outage follows its end soon.
    MAIL_RETRY_MAX_MS: '1000',
    ...env,
  };
  const server = await restartable(
    port,
    url,
    () =>
      spawnLogged(
        `app:${port}`,
        [
          'node_modules/next/dist/bin/next',
          mode === 'dev' ? 'dev' : 'start',
          '--port',
          String(port),
        ],
        childEnv,
      ),
    url,
    // The dev server compiles the page the readiness check asks for: slow on a busy machine.
    mode === 'dev' ? 240_000 : 120_000,
  );
  return {
    ...server,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
