import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { answers, canBind, fetchWithin, probeTenant } from './ports';

// Shared by `npm run dev` and `npm start`: in local mode (no AUTH0_DOMAIN) start the local tenant,
// wait for its health check, then start Next; against a real tenant start Next alone. Ports are
// checked first, and the banner is printed only once both servers answer.

for (const file of ['.env.local', '.env']) {
  if (existsSync(file)) process.loadEnvFile(file);
}

const appPort = Number(process.env.PORT ?? 3000);
const appUrl = process.env.APP_BASE_URL ?? `http://localhost:${appPort}`;
const tenantPort = Number(process.env.LOCAL_TENANT_PORT ?? 4400);
const tenantUrl = `http://localhost:${tenantPort}`;
/** null: LOCAL_TENANT_SMTP_PORT=off, the tenant runs no inbox server. */
const smtpSetting = process.env.LOCAL_TENANT_SMTP_PORT ?? '4425';
const smtpPort = smtpSetting === 'off' ? null : Number(smtpSetting);
const inboxUrl = `${tenantUrl}/_local/inbox`;
const local = !process.env.AUTH0_DOMAIN;
const children: ChildProcess[] = [];

/** A problem the person can fix; printed without a stack. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** The one hint, naming every port variable (only PORT against a real tenant). */
const howToMove = () =>
  local
    ? `Pick other ports, for example:
  PORT=3001 LOCAL_TENANT_PORT=4401 LOCAL_TENANT_SMTP_PORT=4426 npm run dev
PORT is Keyward's, LOCAL_TENANT_PORT the local tenant's and LOCAL_TENANT_SMTP_PORT its inbox's
(LOCAL_TENANT_SMTP_PORT=off runs no inbox). APP_BASE_URL follows PORT (http://localhost:PORT)
unless you set it; if you set it, keep it on the same port. The local tenant accepts sign-ins for
APP_BASE_URL only.`
    : `Pick another port, for example:
  PORT=3001 npm run dev
APP_BASE_URL follows PORT (http://localhost:PORT) unless you set it; if you set it, keep it on
the same port.`;

async function isHealthy(): Promise<boolean> {
  return (await fetchWithin(`${tenantUrl}/_local/health`, 1000))?.ok ?? false;
}

const portFree = async (port: number) => (await canBind(port)) && !(await answers(port));

/**
 * Every port is looked at before anything starts, and every busy one is named at once: Keyward's,
 * the local tenant's (adopted when it is a Keyward local tenant for this app) and its inbox's.
 * Returns whether a running tenant was adopted.
 */
async function checkPorts(): Promise<{ adoptTenant: boolean }> {
  const problems: string[] = [];
  if (!(await portFree(appPort))) {
    problems.push(`Port ${appPort} is already in use (PORT), so Keyward can't start there.`);
  }
  let adoptTenant = false;
  if (local) {
    const found = await probeTenant(tenantPort, appUrl);
    if (found.kind === 'ours') adoptTenant = true;
    else if (found.kind === 'other') {
      problems.push(
        `Port ${tenantPort} is in use by ${found.detail} (LOCAL_TENANT_PORT), so the local tenant can't start there. It was not used.`,
      );
    }
    // An adopted tenant runs its own inbox; otherwise ours will need the port.
    if (!adoptTenant && smtpPort !== null && !(await portFree(smtpPort))) {
      problems.push(
        `Port ${smtpPort} is already in use (LOCAL_TENANT_SMTP_PORT), so the local tenant's inbox can't start there.`,
      );
    }
  }
  if (problems.length > 0) {
    throw new StartupError(`${problems.join('\n')}\nNothing was started.\n${howToMove()}`);
  }
  return { adoptTenant };
}

async function startTenant(adopt: boolean): Promise<void> {
  if (adopt) {
    console.log(`Using the local tenant already running at ${tenantUrl}.`);
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
      LOCAL_TENANT_SMTP_PORT: smtpSetting,
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
      throw new StartupError(`Local tenant did not become healthy at ${tenantUrl}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until Next answers on its port (any HTTP answer), or gives up when it exits. */
async function waitForApp(next: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 120_000;
  while (next.exitCode === null && next.signalCode === null && Date.now() < deadline) {
    if (await fetchWithin(`http://localhost:${appPort}/`, 2000)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

function shutdown(code: number): void {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
}

export async function runWithLocalTenant(nextCommand: 'dev' | 'start'): Promise<void> {
  process.on('SIGINT', () => shutdown(130));
  process.on('SIGTERM', () => shutdown(143));
  const { adoptTenant } = await checkPorts();
  if (local) await startTenant(adoptTenant);
  const next = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', nextCommand, '--port', String(appPort)],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        APP_BASE_URL: appUrl,
        LOCAL_TENANT_PORT: String(tenantPort),
        // Local mode: notification mail goes to the local tenant's inbox unless told otherwise.
        ...(local && smtpPort !== null
          ? { SMTP_URL: process.env.SMTP_URL ?? `smtp://127.0.0.1:${smtpPort}` }
          : {}),
      },
    },
  );
  children.push(next);
  next.on('exit', (code) => shutdown(code ?? 0));
  if (!(await waitForApp(next))) return;
  console.log(`\n  Keyward:      ${appUrl}`);
  console.log(
    local
      ? `  Local tenant: ${tenantUrl} (demo users in README.md)\n  Local inbox:  ${inboxUrl} (mail from Keyward and the tenant)\n`
      : `  Auth0:        ${process.env.AUTH0_DOMAIN}\n`,
  );
}

/** The entry points' catch: a StartupError is the message alone, anything else in full. */
export function exitWith(error: unknown): never {
  if (error instanceof StartupError) console.error(`\n${error.message}\n`);
  else console.error(error);
  shutdown(1);
  process.exit(1);
}
