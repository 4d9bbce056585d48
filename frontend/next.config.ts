import type { NextConfig } from "next";

// A static export: the melihub API serves `out/` at `/`, on the same origin as /graphql,
// so the session cookies and the WebSocket need no CORS and no Next server.
const nextConfig: NextConfig = {
  output: "export",
  images: { unoptimized: true },
  trailingSlash: true,
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
