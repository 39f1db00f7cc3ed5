import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

// Checks what the local tenant answered against Auth0's published OpenAPI specs (the excerpts
// beside this file, see README.md): the response body for its method, path and status, and, when
// the tenant accepted a request (2xx), that Auth0 would have accepted it too (the request body and
// the query parameters against the operation's schemas). Refusals are checked against Auth0's
// error bodies: the My Account spec has one (`ErrorResponse`); the Management spec documents
// none, so its shape is the one Auth0 documents in prose ("Errors" in the Management API docs)
// and the `auth0` SDK parses: `{ statusCode, error, message, errorCode? }`.

/** One request and its answer, as the tenant's recorder wrote it (local-tenant/src/http/record.ts). */
export interface Exchange {
  method: string;
  /** The path as requested, percent-encoded (`/api/v2/users/auth0%7Calice`). */
  path: string;
  query: Record<string, string | string[]>;
  /** The parsed request body (JSON, or a form as an object), or null without one. */
  requestBody: unknown;
  /** The request's media type (`application/json`, `application/x-www-form-urlencoded`). */
  requestType?: string | null;
  status: number;
  contentType: string | null;
  /** The parsed JSON response body; a string for a non-JSON body; null for none. */
  body: unknown;
}

export interface Violation {
  operation: string;
  status: number;
  problem: string;
}

export type Api = 'management' | 'myAccount' | 'authentication';

type Json = Record<string, unknown>;

const SPEC_FILES: Record<Api, string> = {
  management: 'auth0-management.oas-excerpt.json',
  myAccount: 'my-account.oas-excerpt.json',
  authentication: 'auth0-authentication.oas-excerpt.json',
};

const PREFIX: Record<Api, string> = {
  management: '/api/v2',
  myAccount: '/me/v1',
  authentication: '',
};

/** The Authentication API's paths in the excerpt (at the domain's root, no common prefix). */
const AUTHENTICATION_PATHS = new Set([
  '/oauth/token',
  '/oauth/revoke',
  '/v2/logout',
  '/oidc/logout',
]);

/** A decoded back-channel logout token, as the receiving app saw it. */
export interface LogoutToken {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/** Auth0's Management API error body (documented in prose, not in the spec). */
const MANAGEMENT_ERROR = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  additionalProperties: false,
  properties: {
    statusCode: { type: 'integer', minimum: 400, maximum: 599 },
    error: { type: 'string', minLength: 1 },
    message: { type: 'string', minLength: 1 },
    errorCode: { type: 'string', minLength: 1 },
    attributes: { type: 'object' },
  },
};

// Auth0's own formats: nothing the tenant answers or accepts depends on their exact grammar.
const AUTH0_FORMATS = [
  'absolute-https-uri-with-placeholders-or-empty',
  'absolute-https-uri-or-empty',
  'absolute-uri-or-empty',
  'organization-id',
  'connection-profile-id',
  'user-attribute-profile-id',
  'client-id',
  'connection-realm',
  'callback-url',
  'url-with-placeholders',
  'authenticator-id',
  'strict-uri',
  'credential-id',
  'ec-initiate-login-uri-template-url',
  'cidr',
  'ipv6_cidr',
  'url-or-null',
];

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** A query string value as the parameter's type reads it (left a string when it does not parse). */
function typed(type: unknown, text: string | undefined): unknown {
  if (type === 'integer' || type === 'number') return Number(text);
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

/** A JSON pointer segment as a URI fragment part (`/` → `~1`, then percent-encoded). */
const pointer = (segment: string) =>
  encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'));

interface Operation {
  api: Api;
  template: string;
  method: string;
  pattern: RegExp;
  params: number;
  definition: Json;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => {
      const extra =
        e.keyword === 'additionalProperties'
          ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})`
          : e.keyword === 'enum'
            ? ` (${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)})`
            : '';
      return `${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
    })
    .join('; ');
}

/**
 * Whether the only failure is a `oneOf` that more than one branch matched. Auth0's list answers are
 * `oneOf` [array, offset page, checkpoint page], and the two pages' schemas overlap: the last
 * checkpoint page, `{ client_grants: [...] }` without `next`, is also a valid offset page. Such a
 * body conforms to a documented shape; only the spec's union is ambiguous. Any other error
 * (outside the failing branches of that `oneOf`) still counts.
 */
function onlyAmbiguous(errors: ErrorObject[] | null | undefined): boolean {
  const ambiguous = (errors ?? []).filter(
    (e) =>
      e.keyword === 'oneOf' &&
      Array.isArray((e.params as { passingSchemas?: unknown }).passingSchemas),
  );
  if (!ambiguous.length) return false;
  return (errors ?? []).every((e) =>
    ambiguous.some(
      (a) =>
        e === a ||
        (e.schemaPath.startsWith(`${a.schemaPath}/`) && e.instancePath.startsWith(a.instancePath)),
    ),
  );
}

export class OasValidator {
  readonly #ajv: Ajv2020;
  readonly #specs: Record<Api, Json>;
  readonly #operations: Operation[] = [];
  readonly #compiled = new Map<string, ValidateFunction>();
  readonly #managementError: ValidateFunction;
  readonly #logoutToken: ValidateFunction;

  constructor() {
    this.#ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.#ajv);
    for (const format of AUTH0_FORMATS) this.#ajv.addFormat(format, true);
    // ajv-formats' `url` wants a dotted public host, which no local tenant URL (localhost) and no
    // app on localhost can have: a password-change ticket and its `result_url` would always fail.
    // Auth0 documents no grammar for it; an absolute http(s) URL is what is checked.
    this.#ajv.addFormat('url', isHttpUrl);
    const dir = fileURLToPath(new URL('./', import.meta.url));
    this.#specs = {
      management: JSON.parse(readFileSync(`${dir}${SPEC_FILES.management}`, 'utf8')) as Json,
      myAccount: JSON.parse(readFileSync(`${dir}${SPEC_FILES.myAccount}`, 'utf8')) as Json,
      authentication: JSON.parse(
        readFileSync(`${dir}${SPEC_FILES.authentication}`, 'utf8'),
      ) as Json,
    };
    for (const api of ['management', 'myAccount', 'authentication'] as const) {
      const spec = this.#specs[api];
      this.#ajv.addSchema(spec, api);
      for (const [template, item] of Object.entries(spec.paths as Record<string, Json>)) {
        const source = template
          .split('/')
          .map((s) => (s.startsWith('{') ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
          .join('/');
        for (const [method, definition] of Object.entries(item)) {
          if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
          this.#operations.push({
            api,
            template,
            method: method.toUpperCase(),
            pattern: new RegExp(`^${source}$`),
            params: (template.match(/\{/g) ?? []).length,
            definition: definition as Json,
          });
        }
      }
    }
    // A literal segment beats a parameter: /keys/signing/rotate before /keys/signing/{kid}.
    this.#operations.sort((a, b) => a.params - b.params);
    this.#managementError = this.#ajv.compile(MANAGEMENT_ERROR);
    this.#logoutToken = this.#ajv.compile(
      JSON.parse(readFileSync(`${dir}backchannel-logout-token.schema.json`, 'utf8')) as Json,
    );
  }

  /** Problems with a logout token the tenant sent (empty when it conforms). */
  checkLogoutToken(token: LogoutToken): Violation[] {
    if (this.#logoutToken(token)) return [];
    return [
      {
        operation: 'back-channel logout token',
        status: 0,
        problem: describeErrors(this.#logoutToken.errors),
      },
    ];
  }

  /** Which API a tenant path belongs to, or null for everything else (OIDC, pages, controls). */
  static apiOf(path: string): Api | null {
    if (path.startsWith(`${PREFIX.management}/`)) return 'management';
    if (path.startsWith(`${PREFIX.myAccount}/`)) return 'myAccount';
    if (AUTHENTICATION_PATHS.has(path)) return 'authentication';
    return null;
  }

  /** The documented operation for a request, or undefined when the excerpt has none. */
  operation(method: string, path: string): Operation | undefined {
    const api = OasValidator.apiOf(path);
    if (!api) return undefined;
    const rest = path.slice(PREFIX[api].length);
    return this.#operations.find(
      (op) => op.api === api && op.method === method && op.pattern.test(rest),
    );
  }

  /** Whether the excerpt has the path at all (with any method). */
  #hasPath(path: string): boolean {
    const api = OasValidator.apiOf(path);
    if (!api) return false;
    const rest = path.slice(PREFIX[api].length);
    return this.#operations.some((op) => op.api === api && op.pattern.test(rest));
  }

  /** A schema at a JSON pointer into a spec, compiled once. */
  #schemaAt(api: Api, segments: string[]): ValidateFunction {
    const ref = `${api}#/${segments.map(pointer).join('/')}`;
    let compiled = this.#compiled.get(ref);
    if (!compiled) {
      compiled = this.#ajv.compile({ $ref: ref });
      this.#compiled.set(ref, compiled);
    }
    return compiled;
  }

  /** Follows `#/components/...` references of response objects (My Account uses them). */
  #resolve(api: Api, value: Json): { node: Json; path: string[] } | null {
    const ref = value.$ref;
    if (typeof ref !== 'string') return null;
    const path = ref.replace(/^#\//, '').split('/');
    let node: unknown = this.#specs[api];
    for (const segment of path) node = (node as Json | undefined)?.[segment];
    return node && typeof node === 'object' ? { node: node as Json, path } : null;
  }

  /** Every problem with one exchange (empty when it conforms). */
  check(exchange: Exchange): Violation[] {
    const op = this.operation(exchange.method, exchange.path.split('?')[0] ?? '');
    const name = `${exchange.method} ${exchange.path.replace(/\?.*/, '')}`;
    if (!op) {
      // A call the API does not have, answered "not found" as Auth0 answers it: nothing to check.
      if (exchange.status === 404 && !this.#hasPath(exchange.path)) return [];
      return [
        { operation: name, status: exchange.status, problem: 'no such operation in the excerpt' },
      ];
    }
    const operation = `${op.method} ${op.template}`;
    const violations: Violation[] = [];
    const fail = (problem: string) =>
      violations.push({ operation, status: exchange.status, problem });
    const base = ['paths', op.template, op.method.toLowerCase()];

    // The answer's body.
    const responses = (op.definition.responses ?? {}) as Record<string, Json>;
    let response = responses[String(exchange.status)];
    let responsePath = [...base, 'responses', String(exchange.status)];
    const resolved = response ? this.#resolve(op.api, response) : null;
    if (resolved) {
      response = resolved.node;
      responsePath = resolved.path;
    }
    const isError = exchange.status >= 400;
    // Auth0 answers 400 to a request its schemas refuse, even where an operation's spec lists no
    // 400 (GET /users/{user_id}/sessions with take=0): refusing it is what the spec asks for.
    const refusedAsAuth0Would =
      exchange.status === 400 && this.#checkRequest(op, base, exchange).length > 0;
    if (!response && !(exchange.status >= 500 || exchange.status === 429 || refusedAsAuth0Would)) {
      fail(`status ${exchange.status} is not documented`);
    }
    const content = (response?.content ?? {}) as Record<string, Json>;
    const jsonType = Object.keys(content).find((type) => type.includes('json'));
    const textType = Object.keys(content).find((type) => type.startsWith('text/'));
    if (exchange.status >= 300 && exchange.status < 400) {
      // A redirect: browsers never read its body, and Auth0 documents none.
    } else if (isError && op.api === 'management') {
      if (!this.#managementError(exchange.body)) {
        fail(`error body: ${describeErrors(this.#managementError.errors)}`);
      } else if ((exchange.body as Json).statusCode !== exchange.status) {
        fail('error body: statusCode differs from the HTTP status');
      }
    } else if (jsonType) {
      const validate = this.#schemaAt(op.api, [...responsePath, 'content', jsonType, 'schema']);
      if (!validate(exchange.body) && !onlyAmbiguous(validate.errors)) {
        fail(`body: ${describeErrors(validate.errors)}`);
      }
    } else if (textType) {
      const validate = this.#schemaAt(op.api, [...responsePath, 'content', textType, 'schema']);
      if (!validate(exchange.body ?? '')) fail(`body: ${describeErrors(validate.errors)}`);
    } else if (!isError && exchange.body !== null && exchange.body !== '') {
      fail(
        `body: the spec documents no body for ${exchange.status}, got ${JSON.stringify(exchange.body).slice(0, 80)}`,
      );
    }

    // What was accepted must be acceptable to Auth0.
    if (exchange.status >= 200 && exchange.status < 300) {
      violations.push(
        ...this.#checkRequest(op, base, exchange).map((problem) => ({
          operation,
          status: exchange.status,
          problem,
        })),
      );
    }
    return violations;
  }

  /**
   * The schema a `oneOf` with a discriminator mapping names for this body (/oauth/token picks
   * its grant by `grant_type`). Plain `oneOf` would refuse a PKCE code exchange sent with a
   * client secret, which matches both of the spec's authorization-code grants; Auth0 reads the
   * grant type first, as the mapping says.
   */
  #discriminated(schema: unknown, body: unknown): string[] | null {
    const discriminator = (schema as Json | undefined)?.discriminator as Json | undefined;
    const mapping = discriminator?.mapping as Record<string, string> | undefined;
    const property = discriminator?.propertyName;
    if (!mapping || typeof property !== 'string' || typeof body !== 'object' || !body) return null;
    const value = (body as Json)[property];
    const ref = typeof value === 'string' ? mapping[value] : undefined;
    return ref ? ref.replace(/^#\//, '').split('/') : null;
  }

  #checkRequest(op: Operation, base: string[], exchange: Exchange): string[] {
    const problems: string[] = [];
    const body = (op.definition.requestBody ?? null) as Json | null;
    const bodyContent = (body?.content ?? {}) as Record<string, Json>;
    const sentType = exchange.requestType?.includes('x-www-form-urlencoded')
      ? 'application/x-www-form-urlencoded'
      : 'application/json';
    if (body && exchange.requestBody !== null && bodyContent[sentType]) {
      const validate = this.#schemaAt(
        op.api,
        this.#discriminated(bodyContent[sentType]?.schema, exchange.requestBody) ?? [
          ...base,
          'requestBody',
          'content',
          sentType,
          'schema',
        ],
      );
      if (!validate(exchange.requestBody)) {
        problems.push(`accepted a request body Auth0 refuses: ${describeErrors(validate.errors)}`);
      }
    }
    const parameters = (op.definition.parameters ?? []) as Json[];
    parameters.forEach((declared, index) => {
      const parameter = this.#resolve(op.api, declared)?.node ?? declared;
      if (parameter.in !== 'query' || typeof parameter.name !== 'string') return;
      const raw = exchange.query[parameter.name];
      if (raw === undefined) return;
      const text = Array.isArray(raw) ? raw[0] : raw;
      const schema = parameter.schema as Json | undefined;
      // OpenAPI's default query style (form, explode): an array is the parameter repeated,
      // `strategy=auth0&strategy=google-oauth2`, and one value is an array of one.
      const value =
        schema?.type === 'array'
          ? [raw].flat().map((item) => typed((schema.items as Json | undefined)?.type, item))
          : typed(schema?.type, text);
      const path = this.#resolve(op.api, declared)
        ? [...(this.#resolve(op.api, declared)?.path ?? []), 'schema']
        : [...base, 'parameters', String(index), 'schema'];
      const validate = this.#schemaAt(op.api, path);
      if (!validate(value)) {
        problems.push(
          `accepted query ${parameter.name}=${[raw].flat().join(',')} Auth0 refuses: ${describeErrors(validate.errors)}`,
        );
      }
    });
    return problems;
  }
}
