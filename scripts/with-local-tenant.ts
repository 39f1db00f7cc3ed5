import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

// Shared by `npm run dev` and `npm start`: in local mode (no AUTH0_DOMAIN) start the local tenant,
// wait for its health check, then start Next; against a real tenant start Next alone.

for (const file of ['.env.local', '.env']) {
  if (existsSync(file)) process.loadEnvFile(file);
}

const appPort = Number(process.env.PORT ?? 3000);
const appUrl = process.env.APP_BASE_URL ?? `http://localhost:${appPort}`;
const tenantPort = Number(process.env.LOCAL_TENANT_PORT ?? 4400);
const tenantUrl = `http://localhost:${tenantPort}`;
const local = !process.env.AUTH0_DOMAIN;
const children: ChildProcess[] = [];

async function isHealthy(): Promise<boolean> {
  try {
    const res = await fetch(`${tenantUrl}/_local/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function startTenant(): Promise<void> {
  if (await isHealthy()) {
    console.log(`Local tenant already running at ${tenantUrl}`);
    return;
  }
  const tenant = spawn(process.execPath, ['--import', 'tsx', 'local-tenant/src/main.ts'], {
    stdio: 'inherit',
    env: {
      // Auth0's Free plan: 2 Management API requests a second, burst 2, for the whole tenant.
      // Developing under it shows what a real small tenant feels like. Override either to taste.
      LOCAL_TENANT_RATE_LIMIT: '2',
      LOCAL_TENANT_RATE_BURST: '2',
      ...process.env,
      LOCAL_TENANT_PORT: String(tenantPort),
      LOCAL_TENANT_APP_URLS: appUrl,
    },
  });
  children.push(tenant);
  tenant.on('exit', (code) => {
    console.error(`Local tenant exited (${code ?? 'signal'}).`);
    shutdown(code ?? 1);
  });
  const deadline = Date.now() + 30_000;
  while (!(await isHealthy())) {
    if (Date.now() > deadline)
      throw new Error(`Local tenant did not become healthy at ${tenantUrl}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function shutdown(code: number): void {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
}

export async function runWithLocalTenant(nextCommand: 'dev' | 'start'): Promise<void> {
  process.on('SIGINT', () => shutdown(130));
  process.on('SIGTERM', () => shutdown(143));
  if (local) await startTenant();
  const next = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', nextCommand, '--port', String(appPort)],
    {
      stdio: 'inherit',
      env: { ...process.env, APP_BASE_URL: appUrl, LOCAL_TENANT_PORT: String(tenantPort) },
    },
  );
  children.push(next);
  next.on('exit', (code) => shutdown(code ?? 0));
  console.log(`\n  Keyward:      ${appUrl}`);
  console.log(
    local
      ? `  Local tenant: ${tenantUrl} (demo users in README.md)\n`
      : `  Auth0:        ${process.env.AUTH0_DOMAIN}\n`,
  );
}
