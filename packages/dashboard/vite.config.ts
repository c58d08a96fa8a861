import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const sdkSrc = fileURLToPath(new URL("../sdk/src/", import.meta.url));
const sdkEntry = `${sdkSrc}index.ts`;
const sdkStub = fileURLToPath(new URL("./src/features/preview/sdk-stub.ts", import.meta.url));

/**
 * `@nudge/sdk` is the SDK's source, so the preview renders exactly what a site renders. The SDK
 * is built by another package; until its entry exists the preview falls back to a stub (and the
 * dashboard shows its own mock renderer) instead of failing the build.
 */
function nudgeSdk(): Plugin {
  return {
    name: "nudge-sdk-alias",
    enforce: "pre",
    resolveId(source, importer) {
      if (source === "@nudge/sdk") return existsSync(sdkEntry) ? sdkEntry : sdkStub;
      // The SDK imports its stylesheet as text (its own build does the same with esbuild).
      if (importer?.startsWith(sdkSrc) && source.endsWith(".css")) {
        return `${fileURLToPath(new URL(source, `file://${importer}`))}?inline`;
      }
      return null;
    },
  };
}

export default defineConfig({
  base: "/",
  plugins: [nudgeSdk(), react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npm run dev -w @nudge/dashboard` against a server on :3000.
    proxy: {
      "/api": "http://127.0.0.1:3000",
      "/sdk.js": "http://127.0.0.1:3000",
      "/demo": "http://127.0.0.1:3000",
    },
  },
});
