import 'server-only';
import { Auth0Client, filterDefaultIdTokenClaims } from '@auth0/nextjs-auth0/server';
import { NextResponse } from 'next/server';
import { getEnv } from '@/lib/env';
import { accountForSession, SESSION_ACCOUNT_KEY } from '@/lib/factors/account';
import { callbackFailure } from '@/lib/http/callback-failure';
import { withoutLocalInsecureWarning } from '@/lib/local-insecure-warning';
import { myAccountFetch } from '@/lib/passkeys/forwarded-user-agent';
import { ABSOLUTE_SECONDS, INACTIVITY_SECONDS } from '@/lib/sessions/lifetime';
import { lazySessionStore } from '@/lib/sessions/store';

const env = getEnv();

// In local mode without the SDK's production warning about plain http (local-insecure-warning.ts).
export const auth0 = withoutLocalInsecureWarning(
  env.local,
  () =>
    new Auth0Client({
      domain: env.auth0.domain,
      clientId: env.auth0.clientId,
      clientSecret: env.auth0.clientSecret,
      secret: env.auth0.secret,
      appBaseUrl: env.appBaseUrl,
      allowInsecureRequests: env.auth0.allowInsecureRequests,
      // offline_access: a refresh token, from which the SDK mints the My Account API token that
      // enrols passkeys (Auth0's Multi-Resource Refresh Token). It never leaves the server.
      authorizationParameters: { scope: 'openid profile email offline_access' },
      // The browser never gets a token: everything Auth0-bound goes through Keyward's own routes.
      enableAccessTokenEndpoint: false,
      customFetch: myAccountFetch,
      // Sessions live on the server (lib/sessions): the cookie is an encrypted id of ~200 bytes, and
      // signing out, or a back-channel logout from Auth0, ends the session for every copy of it.
      sessionStore: lazySessionStore,
      session: {
        inactivityDuration: INACTIVITY_SECONDS,
        absoluteDuration: ABSOLUTE_SECONDS,
        // proxy.ts extends the session itself, on page loads whose session is due (ROLL_AFTER_SECONDS
        // since its last write), and never calls the SDK's middleware outside /auth/; this hook keeps
        // the SDK from rolling on its own should it ever be asked to.
        beforeSessionRolled: () => false,
        cookie: {
          // Secure everywhere but plain-http localhost, where browsers would drop a Secure cookie.
          secure: new URL(env.appBaseUrl).protocol === 'https:',
          sameSite: 'lax',
        },
      },
      // A failed callback is a bare 500 from the SDK whatever went wrong. Here a bad or stale
      // request (no state, another browser's state, a refused code) is a 400 and only a tenant that
      // could not be asked is a 503 (lib/http/callback-failure.ts); proxy.ts writes the page for
      // either. Success redirects as the SDK does: to the returnTo it checked and stored when
      // sign-in began.
      onCallback: async (error, ctx) => {
        if (error) {
          const status = callbackFailure(error) === 'invalid' ? 400 : 503;
          return new NextResponse(null, { status });
        }
        const base = ctx.appBaseUrl ?? env.appBaseUrl;
        const target = (ctx.returnTo ?? '/').replace(/^\/+/, '');
        return NextResponse.redirect(new URL(target, base.endsWith('/') ? base : `${base}/`));
      },
      // nextjs-auth0 keeps only standard claims by default. We also need auth_time (re-authentication
      // before sensitive changes) and the roles claim (admin pages), so keep exactly those two.
      // It also keeps the user's identities with the session (lib/factors/account.ts), read once at
      // sign-in, so a warm view costs one Management API call.
      beforeSessionSaved: async (session) => {
        const { auth_time: authTime, [env.admin.rolesClaim]: roles } = session.user;
        const account =
          typeof session.user.sub === 'string'
            ? await accountForSession(session.user.sub, session[SESSION_ACCOUNT_KEY])
            : undefined;
        return {
          ...session,
          [SESSION_ACCOUNT_KEY]: account,
          user: {
            ...filterDefaultIdTokenClaims(session.user),
            ...(typeof authTime === 'number' ? { auth_time: authTime } : {}),
            ...(Array.isArray(roles) ? { [env.admin.rolesClaim]: roles } : {}),
          },
        };
      },
    }),
);
