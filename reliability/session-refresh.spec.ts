import { expect, test } from '../e2e/fixtures';
import { saveFigures } from './support/figures';
import { errorCode, json } from './support/http';
import type { SessionRefreshFigures } from './support/types';

// (f) Two requests at once from one fresh sign-in that both need the My Account token (a double
// click on "Add a passkey", two tabs): nextjs-auth0 refreshes it from the session's refresh
// token. With rotating refresh tokens, a second refresh with the same token is a reuse.

const ROUNDS = 3;

test('two concurrent passkey starts in one session', async ({ page, app, signIn }) => {
  test.setTimeout(120_000);
  const rounds: SessionRefreshFigures['rounds'] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await page.context().clearCookies();
    await signIn(page, 'alice');
    const start = () =>
      page.request.post(`${app.url}/api/passkeys/options`, { headers: { origin: app.url } });
    const both = await Promise.all([start(), start()]);
    const after = await start();
    const answers = await Promise.all(
      both.map(async (r) => ({
        status: r.status(),
        headers: r.headers(),
        text: await r.text(),
        ms: 0,
      })),
    );
    const refused = answers.find((x) => x.status >= 400);
    const message = refused
      ? json<{ error?: { message?: string } }>(refused)?.error?.message
      : null;
    rounds.push({
      answers: answers.map((x) => `${x.status}${errorCode(x) ? ` ${errorCode(x)}` : ''}`),
      thenOne: after.status(),
      ...(message ? { message } : {}),
    });
  }
  const spurious = rounds.flatMap((r) => r.answers).filter((a) => a.startsWith('401')).length;
  const figures: SessionRefreshFigures = { rounds, spuriousReauth: spurious };
  saveFigures('session-refresh', figures);
  expect.soft(spurious, 'a signed-in person told to sign in again').toBe(0);
});
