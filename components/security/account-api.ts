import { callApi } from '@/components/api-client';
import { isString, objectOf, readWith } from '@/lib/shapes/check';

// The security page's calls to /api/password/change and /api/recovery-code.

export const startPasswordChangeRequest = (apiBase: string) =>
  callApi(
    `${apiBase}/password/change`,
    { method: 'POST' },
    (body) => readWith(objectOf({ ticketUrl: isString }))(body)?.ticketUrl ?? null,
  );

export const regenerateRecoveryCodeRequest = (apiBase: string) =>
  callApi(
    `${apiBase}/recovery-code`,
    { method: 'POST' },
    (body) => readWith(objectOf({ recoveryCode: isString }))(body)?.recoveryCode ?? null,
  );
