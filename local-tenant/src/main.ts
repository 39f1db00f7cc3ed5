// CLI: `npm run tenant` starts the local tenant; `--reset-only` re-seeds the database and exits.
import {
  APP_CLIENT_ID,
  APP_CLIENT_SECRET,
  M2M_CLIENT_ID,
  M2M_CLIENT_SECRET,
  resolveConfig,
} from './config';
import { openDatabase } from './db';
import { DEMO_USERS, seedDatabase } from './seed';
import { startTenant } from './server';

function banner(url: string, testMode: boolean): string {
  const users = Object.values(DEMO_USERS)
    .map((u) => {
      const signIn = u.password
        ? `password ${u.password}`
        : u.provider === 'google-oauth2'
          ? 'Continue with Google (simulated)'
          : 'passkey only';
      return `    ${u.email.padEnd(20)} ${u.user_id.padEnd(22)} ${signIn}`;
    })
    .join('\n');
  // The client secrets are fixed, public demo values (docs/architecture.md), not real secrets.
  return `Local Auth0-compatible tenant listening on ${url}
  Issuer:            ${url}/
  Discovery:         ${url}/.well-known/openid-configuration
  Management API:    ${url}/api/v2 (audience https://${new URL(url).host}/api/v2/)
  Applications:
    ${APP_CLIENT_ID} / ${APP_CLIENT_SECRET}  (Regular Web App)
    ${M2M_CLIENT_ID} / ${M2M_CLIENT_SECRET}  (Management API, client credentials)
  Demo users:
${users}
  Test controls (/_local/*): ${testMode ? 'enabled' : 'disabled (set LOCAL_TENANT_TEST_MODE=1)'}`;
}

async function main(): Promise<void> {
  const config = resolveConfig();
  if (process.argv.includes('--reset-only')) {
    const db = openDatabase(config.dbPath);
    await seedDatabase(db, { keys: true });
    db.close();
    console.log(`Re-seeded ${config.dbPath}`);
    return;
  }
  const tenant = await startTenant(config);
  console.log(banner(tenant.url, config.testMode));
  const stop = () => {
    tenant.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
