import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The local tenant and the e2e fixtures run several processes on localhost;
  // Next must not guess a different workspace root from a parent lockfile.
  outputFileTracingRoot: import.meta.dirname,
  poweredByHeader: false,
  // `npm test` type-checks the whole repo (app, tenant, tests) once with tsc; don't do it twice.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // forbidden() renders app/admin/forbidden.tsx with a real HTTP 403 for non-admins.
  experimental: { authInterrupts: true },
  // Loaded from node_modules at run time, once per process, instead of bundled into each server
  // chunk: ioredis is Node-only, and a bundled copy of `auth0` per chunk would make its error
  // classes differ between chunks (an UnauthorizedError from one copy is no ManagementError of
  // another, so it would escape the mapping and the token refresh). bullmq brings its own ioredis
  // use and Lua scripts read from disk, so it is loaded from node_modules too.
  serverExternalPackages: ['ioredis', 'bullmq', 'auth0', 'rate-limiter-flexible'],
};

export default nextConfig;
