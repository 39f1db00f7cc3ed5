// CLI: `npm run tenant` starts the local tenant; `--reset-only` re-seeds the database and exits.
import {
  APP_CLIENT_ID,
  APP_CLIENT_SECRET,
  M2M_CLIENT_ID,
  M2M_CLIENT_SECRET,
  MY_ACCOUNT_GRANTED_SCOPES,
  resolveConfig,
  tenantUrls,
} from './config';
import { openDatabase } from './db';
import { DEMO_USERS, type DemoUser, seedDatabase } from './seed';
import { startTenant } from './server';

function signInMethods(user: DemoUser): string {
  const methods: string[] = [];
  if (user.password) methods.push(`password ${user.password}`);
  if (user.provider === 'auth0' && !user.password) methods.push('passkey');
  if (user.provider === 'google-oauth2' || user.linked?.length) {
    methods.push('Continue with Google (simulated)');
  }
  return methods.join(' or ');
}

function banner(port: number, testMode: boolean, smtpPort: number | null): string {
  const urls = tenantUrls(port);
  const users = Object.values(DEMO_USERS)
    .map((u: DemoUser) => `    ${u.email.padEnd(20)} ${u.user_id.padEnd(22)} ${signInMethods(u)}`)
    .join('\n');
  // The client secrets are fixed, public demo values (docs/architecture.md), not real secrets.
  return `Local Auth0-compatible tenant listening on ${urls.origin}
  Issuer:            ${urls.issuer}
  Discovery:         ${urls.origin}/.well-known/openid-configuration
  Management API:    ${urls.canonicalOrigin}/api/v2 (domain ${urls.canonicalHost}, audience ${urls.managementAudience})
  My Account API:    ${urls.origin}/me/v1 (audience ${urls.myAccountAudience}, refresh-token exchange)
  Applications:
    ${APP_CLIENT_ID} / ${APP_CLIENT_SECRET}  (Regular Web App; My Account: ${MY_ACCOUNT_GRANTED_SCOPES.join(' ')})
    ${M2M_CLIENT_ID} / ${M2M_CLIENT_SECRET}  (Management API, client credentials)
  Demo users:
${users}
  Local inbox:       ${smtpPort === null ? 'off (LOCAL_TENANT_SMTP_PORT=off)' : `${urls.origin}/_local/inbox (SMTP on smtp://127.0.0.1:${smtpPort})`}
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
  console.log(banner(tenant.port, config.testMode, tenant.smtpPort));
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
