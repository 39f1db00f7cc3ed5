import type { ZodError, ZodType } from 'zod';
import { invalidRequest, type ValidationIssue } from './errors';

/** One OAS `ValidationError` per problem; every unknown field is named on its own. */
function issuesOf(error: ZodError): ValidationIssue[] {
  return error.issues.flatMap((issue): ValidationIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const path = [...issue.path, key].join('/');
        return {
          detail: `Additional properties not allowed: ${key}`,
          field: [...issue.path, key].join('.'),
          pointer: `/${path}`,
          source: 'body',
        };
      });
    }
    const field = issue.path.join('.');
    return [
      {
        detail: field ? `${issue.message} (${field})` : issue.message,
        ...(field ? { field, pointer: `/${issue.path.join('/')}` } : {}),
        source: 'body',
      },
    ];
  });
}

/** Validates `body` with `schema`; 400 with `validation_errors` on failure. */
export function validate<T>(body: unknown, schema: ZodType<T>): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  throw invalidRequest(
    `Payload validation error: ${issues.map((i) => i.detail).join('; ')}`,
    issues,
  );
}
