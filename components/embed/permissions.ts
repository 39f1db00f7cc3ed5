// Whether the browser refuses WebAuthn here because of permissions policy (a frame whose host did
// not delegate it with allow=), as opposed to the person cancelling. Browsers raise
// NotAllowedError for both (Safari and older Chromium a SecurityError for the policy), so ask the
// document's policy where the browser exposes one, and fall back to the error's wording.

type PolicyApi = { allowsFeature(feature: string): boolean };

export function policyBlocks(feature: string): boolean {
  if (typeof document === 'undefined') return false;
  const doc = document as Document & { permissionsPolicy?: PolicyApi; featurePolicy?: PolicyApi };
  const policy = doc.permissionsPolicy ?? doc.featurePolicy;
  try {
    return policy ? !policy.allowsFeature(feature) : false;
  } catch {
    return false;
  }
}

const POLICY_WORDING =
  /permissions? policy|feature policy|feature is not enabled|publickey-credentials/i;

export function isPolicyError(error: unknown, feature: string): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name !== 'NotAllowedError' && error.name !== 'SecurityError') return false;
  return POLICY_WORDING.test(error.message) || policyBlocks(feature);
}
