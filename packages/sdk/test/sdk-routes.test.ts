import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { afterAll, describe, expect, it } from "vitest";
import type { Services } from "../../server/src/compose.js";
import { handleError } from "../../server/src/http/problem.js";
import { sdkRoutes } from "../../server/src/http/routes/sdk-routes.js";

/** The server's SDK routes over a package directory we control (built or not). */
const roots: string[] = [];
async function appOver(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), "nudge-sdk-routes-"));
  roots.push(root);
  for (const [path, content] of Object.entries({
    "package.json": '{"version":"1.2.3"}',
    ...files,
  })) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  await app.register(sdkRoutes({} as Services, root));
  return app;
}
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe("sdk routes", () => {
  it("answer 503 with the fix when the SDK has not been built", async () => {
    const app = await appOver({});
    for (const url of [
      "/sdk.js",
      "/sdk.esm.js",
      "/sdk/1.2.3/nudge.js",
      "/sdk/1.2.3/content.js",
      "/demo",
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(503);
      expect(res.headers["content-type"]).toMatch(/problem\+json/);
      expect(res.json().detail).toContain("npm run build");
    }
  });

  it("serve the build: short cache for /sdk.js, a year for the pinned version", async () => {
    const app = await appOver({ "dist/nudge.iife.js": "iife()", "dist/nudge.esm.js": "export {}" });
    const latest = await app.inject("/sdk.js");
    expect(latest.body).toBe("iife()");
    expect(latest.headers["cache-control"]).toBe("public, max-age=300");
    const pinned = await app.inject("/sdk/1.2.3/nudge.js");
    expect(pinned.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect((await app.inject("/sdk/0.0.1/nudge.js")).statusCode).toBe(404);
    expect((await app.inject("/sdk.esm.js")).body).toBe("export {}");
  });

  it("serve the content chunk at the pinned version only, cached for a year, to any origin", async () => {
    const app = await appOver({ "dist/content.js": "export const dress = 1;" });
    const chunk = await app.inject("/sdk/1.2.3/content.js");
    expect(chunk.statusCode).toBe(200);
    expect(chunk.body).toBe("export const dress = 1;");
    expect(chunk.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(chunk.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    // A module import across origins needs CORS.
    expect(chunk.headers["access-control-allow-origin"]).toBe("*");
    const other = await app.inject("/sdk/0.0.1/content.js");
    expect(other.statusCode).toBe(404);
    expect(other.headers["content-type"]).toMatch(/problem\+json/);
  });

  it("serve the demo page with a strict CSP on /demo and its SPA routes", async () => {
    const app = await appOver({ "demo/demo.html": "<!doctype html>", "demo/demo.js": "1" });
    for (const url of ["/demo", "/demo/app/settings"]) {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    }
    expect((await app.inject("/demo.js")).headers["content-type"]).toMatch(/javascript/);
  });
});
