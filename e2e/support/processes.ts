import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

function spawnLogged(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Keep server output out of the test report unless asked for: it is noisy and may hold ids.
  const verbose = process.env.E2E_VERBOSE === '1';
  // If the Playwright worker dies before teardown (a timeout, Ctrl-C), take the server with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  child.stdout?.on('data', (d: Buffer) => verbose && process.stdout.write(`[${name}] ${d}`));
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[${name}] ${d}`));
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

export async function startTenant(port: number, appUrls: string[]): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'keyward-tenant-'));
  const child = spawnLogged('tenant', ['--import', 'tsx', 'local-tenant/src/main.ts'], {
    ...process.env,
    LOCAL_TENANT_PORT: String(port),
    LOCAL_TENANT_DB: join(dir, 'tenant.sqlite'),
    LOCAL_TENANT_TEST_MODE: '1',
    LOCAL_TENANT_APP_URLS: appUrls.join(','),
  });
  const url = `http://localhost:${port}`;
  await waitFor(`${url}/_local/health`, 30_000, child);
  return {
    url,
    close: async () => {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Starts the built app (`next build` ran before Playwright) against the tenant on `tenantPort`. */
export async function startApp(
  port: number,
  tenantPort: number,
  env: Record<string, string> = {},
): Promise<Running> {
  const url = `http://localhost:${port}`;
  const { AUTH0_DOMAIN: _ignored, ...inherited } = process.env;
  const child = spawnLogged(
    `app:${port}`,
    ['node_modules/next/dist/bin/next', 'start', '--port', String(port)],
    {
      ...inherited,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      // Tests spend the tenant's Management API freely unless they set a budget themselves.
      AUTH0_MGMT_RPS: '1000',
      APP_BASE_URL: url,
      LOCAL_TENANT_PORT: String(tenantPort),
      ...env,
    },
  );
  await waitFor(url, 60_000, child);
  return { url, close: () => stop(child) };
}
