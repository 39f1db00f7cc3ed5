// POST /api/authenticators/name-suggestion – the name to prefill for a key the browser just created
import { withRoute } from '@/lib/http/route';
import { nameSuggestionBodySchema } from '@/lib/webauthn/schemas';
import { aaguidOf, suggestName } from '@/lib/webauthn/suggest-name';

// Runs between the browser ceremony and POST /api/passkeys or /api/security-keys, so the naming form can be prefilled
// with the provider ("Google Password Manager") before anything is stored. It reads the
// unverified attestation only for that display string; it stores nothing and spends no challenge.
export const POST = withRoute(
  { body: nameSuggestionBodySchema, maxBodyBytes: 64 * 1024, limit: 'enrol' },
  async ({ req, body }) => {
    const aaguid = aaguidOf(body.response.response.attestationObject);
    const name = suggestName(body.kind, aaguid, req.headers.get('user-agent'));
    return Response.json({ name });
  },
);
