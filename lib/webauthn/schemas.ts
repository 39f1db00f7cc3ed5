import { z } from 'zod';
import { factorNameSchema } from '@/lib/factors/schemas';
import { addKindSchema } from './challenge-cookie';

// Shapes of the request bodies of /api/passkeys, /api/security-keys and the name suggestion. The
// registration response mirrors @simplewebauthn's RegistrationResponseJSON exactly, so the parsed
// value is one without a cast.

const base64url = z.string().regex(/^[A-Za-z0-9_-]*={0,2}$/, 'must be base64url');

export const registrationResponseSchema = z.object({
  id: base64url.min(1).max(2048),
  rawId: base64url.min(1).max(2048),
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  // Only the outputs the server types know; others (e.g. prf results) are dropped, never stored.
  clientExtensionResults: z
    .object({
      appid: z.boolean().optional(),
      credProps: z.object({ rk: z.boolean().optional() }).optional(),
      hmacCreateSecret: z.boolean().optional(),
    })
    .default({}),
  response: z.object({
    clientDataJSON: base64url.min(1),
    attestationObject: base64url.min(1),
    authenticatorData: base64url.optional(),
    transports: z.array(z.string().min(1).max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url.optional(),
  }),
});

export const addCredentialBodySchema = z.object({
  response: registrationResponseSchema,
  name: factorNameSchema.optional(),
});

// Auth0's My Account verify refuses longer values (AuthenticatorAttestationResponse in its spec).
// Checking here answers 422 before the ceremony is spent, not 502 after Auth0 refuses.
const AUTH0_ID_MAX = 1364;
const MESSAGE = 'is longer than Auth0 accepts';

export const addPasskeyBodySchema = addCredentialBodySchema.superRefine(({ response }, ctx) => {
  const over = (value: string, max: number, path: (string | number)[]) => {
    if (value.length > max) ctx.addIssue({ code: 'custom', message: MESSAGE, path });
  };
  over(response.id, AUTH0_ID_MAX, ['response', 'id']);
  over(response.rawId, AUTH0_ID_MAX, ['response', 'rawId']);
  over(response.response.clientDataJSON, 1000, ['response', 'response', 'clientDataJSON']);
  over(response.response.attestationObject, 2000, ['response', 'response', 'attestationObject']);
});

export const nameSuggestionBodySchema = z.object({
  kind: addKindSchema,
  response: registrationResponseSchema,
});
