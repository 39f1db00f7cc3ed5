import { expect, test } from './fixtures';

// The free Auth0 plan allows 2 Management API requests per second for the whole tenant, so a
// page view must cost as little as possible: one methods list, one user read, one sessions list,
// one page of logs for the activity section (fetched after the page is shown), and no new token.
test('a /security page view makes one methods call, one user call, one sessions call and one logs call, and reuses the M2M token', async ({
  page,
  app,
  tenant,
  signIn,
}) => {
  await signIn(page, 'alice');
  // Warm up: the first Management API call of this app process may fetch the M2M token.
  await page.goto(`${app.url}/security`);
  await expect(page.getByRole('heading', { name: 'Passkeys', exact: true })).toBeVisible();
  const activityLoaded = page
    .getByRole('region', { name: 'Recent activity' })
    .getByRole('listitem')
    .first();
  await expect(activityLoaded).toBeVisible();

  await tenant.clearStats();
  for (let view = 0; view < 3; view++) {
    await page.goto(`${app.url}/security`);
    await expect(page.getByRole('heading', { name: 'Passkeys', exact: true })).toBeVisible();
    await expect(activityLoaded).toBeVisible();
  }
  const { routes } = await tenant.stats();
  expect(routes['GET /api/v2/users/:id/authentication-methods']).toBe(3);
  expect(routes['GET /api/v2/users/:id']).toBe(3);
  expect(routes['GET /api/v2/users/:id/sessions']).toBe(3);
  expect(routes['GET /api/v2/users/:id/logs']).toBe(3);
  expect(routes['POST /oauth/token'] ?? 0).toBe(0);
  const management = Object.entries(routes).filter(([route]) => route.includes('/api/v2/'));
  expect(management.reduce((sum, [, n]) => sum + n, 0)).toBe(12);
});

test('GET /api/factors costs the same two upstream calls', async ({
  page,
  app,
  tenant,
  signIn,
}) => {
  await signIn(page, 'alice');
  await page.request.get(`${app.url}/api/factors`);
  await tenant.clearStats();
  const res = await page.request.get(`${app.url}/api/factors`);
  expect(res.status()).toBe(200);
  const { routes } = await tenant.stats();
  expect(routes['GET /api/v2/users/:id/authentication-methods']).toBe(1);
  expect(routes['GET /api/v2/users/:id']).toBe(1);
  expect(routes['POST /oauth/token'] ?? 0).toBe(0);
});
