import 'server-only';
import { getEnv } from '@/lib/env';
import { deriveKey } from './keys';

type WebAuthnConfig = {
  rpId: string;
  rpName: string;
  origin: string;
  appBaseUrl: string;
  redisUrl: string | null;
  cookieKey: Buffer;
  userHandleKey: Buffer;
};

let cached: WebAuthnConfig | undefined;

/** RP settings from the environment and the keys derived from the app secret, computed once. */
export function webauthnConfig(): WebAuthnConfig {
  if (cached) return cached;
  const env = getEnv();
  cached = {
    ...env.webauthn,
    appBaseUrl: env.appBaseUrl,
    redisUrl: env.redisUrl,
    cookieKey: deriveKey(env.auth0.secret, 'challengeCookie'),
    userHandleKey: deriveKey(env.auth0.secret, 'userHandle'),
  };
  return cached;
}
