import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Router } from '../http/router';
import { findClient } from '../store/tenant-settings';
import type { Tenant } from '../tenant';
import { ApiError } from './errors';
import { apiHandler, parseJson } from './handler';
import { parseCheckpoint, parsePageQuery } from './pagination';

// The tenant-configuration endpoints `npm run doctor` reads and its --fix writes, with the scopes
// Auth0 requires for each: clients, client grants, resource servers, connections, custom domains,
// prompts, and the Guardian (MFA) factors and policies. Answers are Auth0's shapes (the `auth0`
// SDK's types, generated from the Management OAS) over the store in ../store/tenant-settings.ts.

const CLIENT_NOT_FOUND = () => new ApiError(404, 'The client does not exist', 'inexistent_client');
const GRANT_NOT_FOUND = () =>
  new ApiError(404, 'The client grant does not exist', 'inexistent_client_grant');
const CONNECTION_NOT_FOUND = () =>
  new ApiError(404, 'The connection does not exist', 'inexistent_connection');

const clone = <T>(value: T): T => structuredClone(value);
const one = (raw: unknown) => (Array.isArray(raw) ? raw[0] : raw);

/** Offset paging as Auth0's clients and resource-servers lists page (`key` names the items). */
function offsetPage<T>(items: T[], query: Record<string, unknown>, key: string) {
  const page = parsePageQuery(query);
  const start = page.page * page.perPage;
  const slice = items.slice(start, start + page.perPage).map(clone);
  return page.includeTotals
    ? { start, limit: page.perPage, total: items.length, [key]: slice }
    : slice;
}

/** Checkpoint paging (`from`, `take` 1–100) as client grants and connections page. */
function checkpointPage<T extends { id?: string }>(
  items: T[],
  query: Record<string, unknown>,
  key: string,
) {
  const { take, from } = parseCheckpoint(query);
  const start = from === null ? 0 : items.findIndex((i) => i.id === from) + 1;
  const page = items.slice(start, start + take).map(clone);
  const last = page.at(-1);
  return { [key]: page, ...(last && start + take < items.length ? { next: last.id } : {}) };
}

const url = z.string().min(1).max(1024);
const Policy = z.strictObject({
  audience: z.string().min(1).max(600),
  scope: z.array(z.string().min(1).max(280)),
});
// The fields of PATCH /api/v2/clients/{id} the doctor writes; the others Auth0 takes are refused
// here rather than silently dropped.
const UpdateClient = z.strictObject({
  callbacks: z.array(url).optional(),
  allowed_logout_urls: z.array(url).optional(),
  web_origins: z.array(url).optional(),
  allowed_origins: z.array(url).optional(),
  grant_types: z.array(z.string().min(1)).optional(),
  oidc_conformant: z.boolean().optional(),
  custom_login_page_on: z.boolean().optional(),
  oidc_logout: z
    .strictObject({
      backchannel_logout_urls: z.array(url).max(1).optional(),
      backchannel_logout_initiators: z
        .strictObject({
          mode: z.enum(['custom', 'all']),
          selected_initiators: z
            .array(
              z.enum([
                'rp-logout',
                'idp-logout',
                'password-changed',
                'session-expired',
                'session-revoked',
                'account-deleted',
                'email-identifier-changed',
                'mfa-phone-unenrolled',
                'account-deactivated',
              ]),
            )
            .optional(),
        })
        .optional(),
    })
    .optional(),
  refresh_token: z
    .strictObject({
      rotation_type: z.enum(['rotating', 'non-rotating']),
      expiration_type: z.enum(['expiring', 'non-expiring']),
      leeway: z.number().int().min(0).optional(),
      token_lifetime: z.number().int().min(1).optional(),
      infinite_token_lifetime: z.boolean().optional(),
      idle_token_lifetime: z.number().int().min(1).optional(),
      infinite_idle_token_lifetime: z.boolean().optional(),
      // OAS `minItems: 1`: null, not [], says "no policies".
      policies: z.array(Policy).min(1).nullable().optional(),
    })
    .nullable()
    .optional(),
});
const scopeList = z.array(z.string().min(1).max(280));
const CreateGrant = z.strictObject({
  client_id: z.string().min(1),
  audience: z.string().min(1).max(600),
  scope: scopeList,
  subject_type: z.enum(['client', 'user']).optional(),
});
const UpdateGrant = z.strictObject({ scope: scopeList.optional() });
const UpdateConnection = z.strictObject({
  options: z.record(z.string(), z.unknown()).optional(),
});

export function registerConfigRoutes(router: Router, tenant: Tenant): void {
  const settings = () => tenant.settings;

  router.add(
    'GET',
    '/api/v2/clients',
    apiHandler(tenant, { anyOf: ['read:clients', 'read:client_keys'] }, ({ ctx }) => {
      ctx.body = offsetPage(settings().clients, ctx.query, 'clients');
    }),
  );
  router.add(
    'GET',
    '/api/v2/clients/:id',
    apiHandler(tenant, { anyOf: ['read:clients', 'read:client_keys'] }, ({ ctx, params }) => {
      const client = findClient(settings(), params.id ?? '');
      if (!client) throw CLIENT_NOT_FOUND();
      ctx.body = clone(client);
    }),
  );
  router.add(
    'PATCH',
    '/api/v2/clients/:id',
    apiHandler(tenant, { anyOf: ['update:clients'] }, async ({ ctx, params }) => {
      const client = findClient(settings(), params.id ?? '');
      if (!client) throw CLIENT_NOT_FOUND();
      const body = await parseJson(ctx, UpdateClient);
      const { oidc_logout, refresh_token, ...rest } = body;
      Object.assign(client, rest);
      if (oidc_logout) client.oidc_logout = { ...client.oidc_logout, ...oidc_logout };
      if (refresh_token !== undefined) {
        client.refresh_token =
          refresh_token === null ? null : { ...client.refresh_token, ...refresh_token };
      }
      client.updated_at = new Date().toISOString();
      ctx.body = clone(client);
    }),
  );

  router.add(
    'GET',
    '/api/v2/client-grants',
    apiHandler(tenant, { anyOf: ['read:client_grants'] }, ({ ctx }) => {
      const clientId = one(ctx.query.client_id);
      const audience = one(ctx.query.audience);
      const grants = settings().clientGrants.filter(
        (g) =>
          (typeof clientId !== 'string' || g.client_id === clientId) &&
          (typeof audience !== 'string' || g.audience === audience),
      );
      ctx.body = checkpointPage(grants, ctx.query, 'client_grants');
    }),
  );
  router.add(
    'POST',
    '/api/v2/client-grants',
    apiHandler(tenant, { anyOf: ['create:client_grants'] }, async ({ ctx }) => {
      const body = await parseJson(ctx, CreateGrant);
      if (!findClient(settings(), body.client_id)) throw CLIENT_NOT_FOUND();
      const api = settings().resourceServers.find((r) => r.identifier === body.audience);
      if (!api) {
        throw new ApiError(
          404,
          'No resource server found by specified audience',
          'inexistent_resource_server',
        );
      }
      if (
        settings().clientGrants.some(
          (g) => g.client_id === body.client_id && g.audience === body.audience,
        )
      ) {
        throw new ApiError(409, 'The client grant already exists.', 'client_grant_conflict');
      }
      const grant = {
        id: `cgr_${randomBytes(8).toString('hex')}`,
        client_id: body.client_id,
        audience: body.audience,
        scope: body.scope,
        subject_type: body.subject_type ?? 'client',
        is_system: false,
      };
      settings().clientGrants.push(grant);
      ctx.status = 201;
      ctx.body = clone(grant);
    }),
  );
  router.add(
    'PATCH',
    '/api/v2/client-grants/:id',
    apiHandler(tenant, { anyOf: ['update:client_grants'] }, async ({ ctx, params }) => {
      const grant = settings().clientGrants.find((g) => g.id === params.id);
      if (!grant) throw GRANT_NOT_FOUND();
      const body = await parseJson(ctx, UpdateGrant);
      if (body.scope) grant.scope = body.scope;
      ctx.body = clone(grant);
    }),
  );

  router.add(
    'GET',
    '/api/v2/resource-servers',
    apiHandler(tenant, { anyOf: ['read:resource_servers'] }, ({ ctx }) => {
      ctx.body = offsetPage(settings().resourceServers, ctx.query, 'resource_servers');
    }),
  );

  router.add(
    'GET',
    '/api/v2/connections',
    apiHandler(tenant, { anyOf: ['read:connections'] }, ({ ctx }) => {
      // `strategy` is an array parameter: `strategy=auth0&strategy=google-oauth2` asks for either.
      const strategies = ctx.query.strategy === undefined ? null : [ctx.query.strategy].flat();
      const name = one(ctx.query.name);
      const found = settings().connections.filter(
        (c) =>
          (strategies === null || strategies.includes(String(c.strategy))) &&
          (typeof name !== 'string' || c.name === name),
      );
      ctx.body = checkpointPage(found, ctx.query, 'connections');
    }),
  );
  router.add(
    'GET',
    '/api/v2/connections/:id',
    apiHandler(tenant, { anyOf: ['read:connections'] }, ({ ctx, params }) => {
      const connection = settings().connections.find((c) => c.id === params.id);
      if (!connection) throw CONNECTION_NOT_FOUND();
      ctx.body = clone(connection);
    }),
  );
  router.add(
    'PATCH',
    '/api/v2/connections/:id',
    apiHandler(tenant, { anyOf: ['update:connections'] }, async ({ ctx, params }) => {
      const connection = settings().connections.find((c) => c.id === params.id);
      if (!connection) throw CONNECTION_NOT_FOUND();
      const body = await parseJson(ctx, UpdateConnection);
      // As Auth0 documents: `options` replaces the whole options object.
      if (body.options) connection.options = body.options;
      ctx.body = clone(connection);
    }),
  );

  router.add(
    'GET',
    '/api/v2/custom-domains',
    apiHandler(tenant, { anyOf: ['read:custom_domains'] }, ({ ctx }) => {
      ctx.body = clone(settings().customDomains);
    }),
  );
  router.add(
    'GET',
    '/api/v2/prompts',
    apiHandler(tenant, { anyOf: ['read:prompts'] }, ({ ctx }) => {
      ctx.body = clone(settings().prompts);
    }),
  );
  router.add(
    'GET',
    '/api/v2/guardian/factors',
    apiHandler(tenant, { anyOf: ['read:guardian_factors'] }, ({ ctx }) => {
      ctx.body = clone(settings().guardianFactors);
    }),
  );
  router.add(
    'GET',
    '/api/v2/guardian/policies',
    apiHandler(tenant, { anyOf: ['read:mfa_policies'] }, ({ ctx }) => {
      ctx.body = clone(settings().guardianPolicies);
    }),
  );
}
