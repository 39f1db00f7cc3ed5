import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Issue 7: tenant signing keys for admins. The table rows carry data-kid / data-state so the
// assertions follow keys by id rather than by position.

function row(page: Page, state: string) {
  return page
    .getByRole('table', { name: /signing keys/i })
    .locator(`tbody tr[data-state="${state}"]`);
}

async function kidOf(page: Page, state: string): Promise<string> {
  const kid = await row(page, state).first().getAttribute('data-kid');
  if (!kid) throw new Error(`no ${state} key in the table`);
  return kid;
}

async function jwksKids(tenantUrl: string, page: Page): Promise<string[]> {
  const response = await page.request.get(`${tenantUrl}/.well-known/jwks.json`);
  expect(response.ok()).toBe(true);
  const body: { keys: { kid: string }[] } = await response.json();
  return body.keys.map((k) => k.kid);
}

test('admin rotates, revokes the previous key, and can still sign in', async ({
  page,
  app,
  tenant,
  signIn,
}) => {
  await tenant.reset({ keys: true });
  await signIn(page, 'admin');
  await page.goto(`${app.url}/admin/signing-keys`);
  await expect(page.getByRole('heading', { level: 1, name: 'Signing keys' })).toBeVisible();

  const currentBefore = await kidOf(page, 'current');
  const nextBefore = await kidOf(page, 'next');

  // Rotate, through the confirmation that explains the JWKS.
  await page.getByRole('button', { name: 'Rotate', exact: true }).click();
  const rotateDialog = page.getByRole('dialog', { name: 'Rotate the signing key?' });
  await expect(rotateDialog).toContainText('must already trust the next key');
  await expect(rotateDialog).toContainText('JWKS');
  await rotateDialog.getByRole('button', { name: 'Rotate', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rotated.' })).toBeVisible();

  // The old next key is current, there is a brand-new next key, and the old current is previous.
  await expect(row(page, 'current')).toHaveAttribute('data-kid', nextBefore);
  const nextAfter = await kidOf(page, 'next');
  expect([currentBefore, nextBefore]).not.toContain(nextAfter);
  await expect(page.locator(`tbody tr[data-kid="${currentBefore}"]`)).toHaveAttribute(
    'data-state',
    'previous',
  );
  expect(await jwksKids(tenant.url, page)).toEqual(
    expect.arrayContaining([currentBefore, nextBefore, nextAfter]),
  );

  // The current key cannot be revoked: no button, and the API refuses before asking Auth0.
  await expect(page.getByRole('button', { name: `Revoke key ${nextBefore}` })).toHaveCount(0);
  // The tenant's own refusal would map to the same 409, so only its request count shows that
  // Keyward's guard answered.
  await tenant.clearStats();
  const refused = await page.request.post(
    `${app.url}/api/admin/signing-keys/${encodeURIComponent(nextBefore)}/revoke`,
    {
      headers: { origin: app.url },
    },
  );
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.code).toBe('key_in_use');
  const { routes } = await tenant.stats();
  expect(routes['PUT /api/v2/keys/signing/:kid/revoke'] ?? 0).toBe(0);
  // It did read the keys afresh to decide.
  expect(routes['GET /api/v2/keys/signing']).toBeGreaterThan(0);

  // Revoke the previously used key; it leaves the tenant's JWKS.
  await page.getByRole('button', { name: `Revoke key ${currentBefore}` }).click();
  const revokeDialog = page.getByRole('dialog', { name: 'Revoke this previously used key?' });
  await expect(revokeDialog).toContainText('stop verifying');
  await revokeDialog.getByRole('button', { name: 'Revoke key' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Revoked.' })).toBeVisible();
  await expect(page.locator(`tbody tr[data-kid="${currentBefore}"]`)).toHaveAttribute(
    'data-state',
    'revoked',
  );
  const kids = await jwksKids(tenant.url, page);
  expect(kids).not.toContain(currentBefore);
  expect(kids).toEqual(expect.arrayContaining([nextBefore, nextAfter]));

  // Sign out and in again: the new ID token is signed with the new current key and verifies.
  await page.goto(`${app.url}/auth/logout`);
  const signedOut = await page.request.get(`${app.url}/api/admin/signing-keys`);
  expect(signedOut.status()).toBe(401);
  await signIn(page, 'admin');
  await page.goto(`${app.url}/admin/signing-keys`);
  await expect(row(page, 'current')).toHaveAttribute('data-kid', nextBefore);
  expect((await page.request.get(`${app.url}/api/admin/signing-keys`)).status()).toBe(200);
});

test('copy certificate shows that it copied', async ({ page, app, signIn }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  await signIn(page, 'admin');
  await page.goto(`${app.url}/admin/signing-keys`);
  const current = row(page, 'current');
  await current.getByRole('button', { name: /Copy certificate/ }).click();
  await expect(current.getByText('Copied')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('-----BEGIN CERTIFICATE-----');
});

test('rotate & revoke revokes the key that was current', async ({ page, app, tenant, signIn }) => {
  await tenant.reset({ keys: true });
  await signIn(page, 'admin');
  await page.goto(`${app.url}/admin/signing-keys`);
  const currentBefore = await kidOf(page, 'current');
  const nextBefore = await kidOf(page, 'next');

  await page.getByRole('button', { name: 'Rotate & revoke' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rotate and revoke the current key?' });
  await dialog.getByRole('button', { name: 'Rotate & revoke' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rotated and revoked.' })).toBeVisible();
  await expect(row(page, 'current')).toHaveAttribute('data-kid', nextBefore);
  await expect(page.locator(`tbody tr[data-kid="${currentBefore}"]`)).toHaveAttribute(
    'data-state',
    'revoked',
  );
  expect(await jwksKids(tenant.url, page)).not.toContain(currentBefore);
});

test('alice gets the 403 page and 403 from the API', async ({ page, app, signIn }) => {
  await signIn(page, 'alice');
  const response = await page.goto(`${app.url}/admin/signing-keys`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: /don’t have access/ })).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);

  expect((await page.request.get(`${app.url}/api/admin/signing-keys`)).status()).toBe(403);
  const rotate = await page.request.post(`${app.url}/api/admin/signing-keys/rotate`, {
    headers: { origin: app.url },
  });
  expect(rotate.status()).toBe(403);
  expect((await rotate.json()).error.code).toBe('forbidden');
});
