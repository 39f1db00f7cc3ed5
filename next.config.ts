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
  // better-sqlite3 and ioredis are Node-only; keep them out of the bundle.
  serverExternalPackages: ['ioredis'],
};

export default nextConfig;
