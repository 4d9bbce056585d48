import type { NextConfig } from "next";

// A static export: the melihub API serves `out/` at `/`, on the same origin as /graphql, so the
// session cookies and the WebSocket need no CORS and no Next server. `npm run dev` instead proxies
// the API's paths to MELIHUB_API_URL (see README.md).
const API_URL = process.env.MELIHUB_API_URL ?? "http://127.0.0.1:8000";
const development = process.env.NODE_ENV === "development";

const nextConfig: NextConfig = {
  output: development ? undefined : "export",
  // Separate build folders let several checkouts' builds (or people) work side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  images: { unoptimized: true },
  trailingSlash: true,
  reactStrictMode: true,
  poweredByHeader: false,
  ...(development && {
    // /graphql and friends are the API's: no trailing-slash redirect in front of the proxy.
    skipTrailingSlashRedirect: true,
    allowedDevOrigins: ["127.0.0.1", "localhost"],
    // Next's proxy does not carry WebSocket upgrades: the socket goes to the API itself (cookies
    // are per host, not per port, so the session rides along).
    env: { NEXT_PUBLIC_MELIHUB_SOCKET_ORIGIN: API_URL },
    async rewrites() {
      return ["/graphql", "/oauth/:path*", "/webhooks/:path*", "/api/:path*"].map((source) => ({
        source,
        destination: `${API_URL}${source}`,
      }));
    },
  }),
};

export default nextConfig;
