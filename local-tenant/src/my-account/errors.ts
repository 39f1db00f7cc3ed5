import type { Context } from 'koa';

/** One entry of the OAS `ValidationError` list. */
export interface ValidationIssue {
  detail: string;
  field?: string;
  pointer?: string;
  source?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

// Auth0 does not document its `type` values; these short slugs are the local tenant's own.
const TYPES: Record<number, string> = {
  400: 'invalid_request',
  401: 'invalid_token',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  501: 'not_implemented',
};

/** A My Account API failure, answered with the OAS `ErrorResponse` body. */
export class MyAccountError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly options: { type?: string; validationErrors?: ValidationIssue[] } = {},
  ) {
    super(detail);
  }
}

/** `{ type, status, title, detail, validation_errors? }` (OAS `ErrorResponse`). */
export function problemBody(
  status: number,
  detail: string,
  options: { type?: string; validationErrors?: ValidationIssue[] } = {},
) {
  return {
    type: options.type ?? TYPES[status] ?? 'error',
    status,
    title: TITLES[status] ?? 'Error',
    detail,
    ...(options.validationErrors?.length ? { validation_errors: options.validationErrors } : {}),
  };
}

export function sendMyAccountError(ctx: Context, error: MyAccountError): void {
  ctx.status = error.status;
  ctx.body = problemBody(error.status, error.detail, error.options);
}

export const invalidRequest = (detail: string, validationErrors?: ValidationIssue[]) =>
  new MyAccountError(400, detail, { validationErrors });
