import type { Context } from 'koa';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** A Management API error: `{ statusCode, error, message, errorCode }` as Auth0 answers. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly errorCode: string,
  ) {
    super(message);
  }
}

export function errorBody(statusCode: number, message: string, errorCode: string) {
  return { statusCode, error: STATUS_TEXT[statusCode] ?? 'Error', message, errorCode };
}

export function sendApiError(ctx: Context, error: ApiError): void {
  ctx.status = error.statusCode;
  ctx.body = errorBody(error.statusCode, error.message, error.errorCode);
}

export const USER_NOT_FOUND = () =>
  new ApiError(404, 'The user does not exist.', 'inexistent_user');
export const METHOD_NOT_FOUND = () =>
  new ApiError(
    404,
    'The authentication method could not be found.',
    'inexistent_authentication_method',
  );
export const invalidBody = (message: string) =>
  new ApiError(400, `Payload validation error: ${message}`, 'invalid_body');
export const invalidQuery = (message: string) =>
  new ApiError(400, `Query validation error: ${message}`, 'invalid_query_string');
