import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The local tenant and the e2e fixtures run several processes on localhost;
  // Next must not guess a different workspace root from a parent lockfile.
  outputFileTracingRoot: import.meta.dirname,
  poweredByHeader: false,
  reactStrictMode: true,
  // better-sqlite3 and ioredis are Node-only; keep them out of the bundle.
  serverExternalPackages: ['ioredis'],
};

export default nextConfig;
