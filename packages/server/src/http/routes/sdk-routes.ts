import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "../../compose.js";
import { AppError, notFound } from "../../domain/app-error.js";
import { workspacePath } from "../workspace-path.js";

/** The SDK package: its build output (`npm run build`) and the demo host page's files. */
export const sdkPackage = `${workspacePath("packages", "sdk")}/`;

const js = "text/javascript; charset=utf-8";
const shortCache = "public, max-age=300";
const immutable = "public, max-age=31536000, immutable";

/**
 * The demo page practises what the SDK's README preaches: no inline script or style, Trusted
 * Types enforced. Images may come from anywhere over https (message images).
 */
const demoCsp =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; " +
  "require-trusted-types-for 'script'; base-uri 'none'; frame-ancestors 'self'";

/**
 * Serves the browser SDK: `/sdk.js` (the script tag; cached briefly so upgrades roll out),
 * `/sdk/<version>/nudge.js` (pinned, cached for a year), `/sdk/<version>/content.js` (the chunk
 * the SDK imports for rich content, pinned the same way), `/sdk.esm.js`, and the demo host page
 * `/demo` (with SPA routes under `/demo/…`) where a newcomer sees their messages at once.
 * Files are read from the SDK's build output on each request; until it is built the SDK routes
 * answer 503 with the command that fixes it.
 */
export function sdkRoutes(_services: Services, root: string = sdkPackage): FastifyPluginAsyncZod {
  const version = (
    JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }
  ).version;

  return async (app) => {
    const file = async (path: string): Promise<Buffer> => {
      try {
        return await readFile(join(root, path));
      } catch {
        throw new AppError(
          "unavailable",
          "The SDK has not been built yet: run `npm run build` in the repository root",
        );
      }
    };
    // The SDK is loaded cross-origin by every customer site: no credentials, any origin.
    const script = async (reply: FastifyReply, path: string, cache: string) =>
      reply
        .header("cache-control", cache)
        .header("access-control-allow-origin", "*")
        .header("cross-origin-resource-policy", "cross-origin")
        .type(js)
        .send(await file(path));
    const sdk = { tags: ["sdk"] };

    app.get(
      "/sdk.js",
      { schema: { ...sdk, summary: "The SDK for a script tag (IIFE, window.nudge)" } },
      (_request, reply) => script(reply, "dist/nudge.iife.js", shortCache),
    );
    app.get(
      "/sdk.esm.js",
      { schema: { ...sdk, summary: "The SDK as an ES module" } },
      (_request, reply) => script(reply, "dist/nudge.esm.js", shortCache),
    );
    app.get(
      "/sdk/:version/nudge.js",
      {
        schema: {
          ...sdk,
          summary: `A pinned SDK version, cached for a year (this server has ${version})`,
          params: z.object({ version: z.string().max(50) }),
        },
      },
      async (request, reply) => {
        if (request.params.version !== version) {
          throw notFound(`SDK version ${request.params.version}`);
        }
        return script(reply, "dist/nudge.iife.js", immutable);
      },
    );
    app.get(
      "/sdk/:version/content.js",
      {
        schema: {
          ...sdk,
          summary: "The SDK's content chunk (an ES module it imports for rich content), pinned",
          params: z.object({ version: z.string().max(50) }),
        },
      },
      async (request, reply) => {
        if (request.params.version !== version) {
          throw notFound(`SDK version ${request.params.version}`);
        }
        return script(reply, "dist/content.js", immutable);
      },
    );

    const page = async (_request: unknown, reply: FastifyReply) =>
      reply
        .header("cache-control", "no-cache")
        .header("content-security-policy", demoCsp)
        .type("text/html; charset=utf-8")
        .send(await file("demo/demo.html"));
    const demo = { tags: ["sdk"], summary: "Demo host page: ?key=pk_…&id=<distinctId>" };
    app.get("/demo", { schema: demo }, page);
    app.get("/demo/*", { schema: { ...demo, hide: true } }, page);
    for (const [path, type] of [
      ["demo.js", js],
      ["demo.css", "text/css; charset=utf-8"],
    ] as const) {
      app.get(`/${path}`, { schema: { hide: true } }, async (_request, reply) =>
        reply
          .header("cache-control", shortCache)
          .type(type)
          .send(await file(`demo/${path}`)),
      );
    }
  };
}
