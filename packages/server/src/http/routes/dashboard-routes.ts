import { existsSync, statSync } from "node:fs";
import { join, normalize, sep } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../compose.js";
import { workspacePath } from "../workspace-path.js";

/** The dashboard's build output (`npm run build -w @nudge/dashboard`). */
export const dashboardDist = `${workspacePath("packages", "dashboard", "dist")}/`;

// Paths with handlers of their own: a missing one there is a real 404, never the SPA.
const reserved = /^\/(?:api(?:\/|$)|docs(?:\/|$)|openapi\.json$|healthz(?:\/|$)|sdk|demo)/;

const immutable = "public, max-age=31536000, immutable";

/**
 * Serves the dashboard SPA at `/`: built files as they are (hashed assets cached for a year,
 * index.html revalidated every time), and index.html for any other GET that wants HTML, so
 * client-side routes like /messages/msg_1 survive a reload. Registered last, as a catch-all
 * that loses to every specific route.
 */
export function dashboardRoutes(
  _services: Services,
  root: string = dashboardDist,
): FastifyPluginAsync {
  return async (app) => {
    await app.register(fastifyStatic, { root, serve: false, decorateReply: true });

    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const path = decodePath(request.url);
      if (path === null || reserved.test(path)) return reply.callNotFound();
      if (!existsSync(join(root, "index.html"))) {
        if (!wantsHtml(request)) return reply.callNotFound();
        return reply
          .code(503)
          .header("cache-control", "no-store")
          .type("text/html; charset=utf-8")
          .send(notBuiltPage);
      }
      const file = path === "/" ? null : staticFile(root, path);
      if (file) {
        const cache =
          file.startsWith(`assets${sep}`) || file.startsWith("assets/")
            ? immutable
            : file === "index.html"
              ? "no-cache"
              : "public, max-age=3600";
        reply.header("cache-control", cache);
        return reply.sendFile(file, { cacheControl: false });
      }
      if (!wantsHtml(request) || /\.[a-z0-9]+$/i.test(path)) return reply.callNotFound();
      return reply
        .header("cache-control", "no-cache")
        .sendFile("index.html", { cacheControl: false });
    };

    app.get("/", { schema: { hide: true } }, handler);
    app.get("/*", { schema: { hide: true } }, handler);
  };
}

function decodePath(url: string): string | null {
  try {
    const path = decodeURIComponent(url.split("?")[0] ?? "/");
    return path.includes("\0") ? null : path;
  } catch {
    return null;
  }
}

/** A file under `root` for this URL path, relative to root; never escapes it. */
function staticFile(root: string, path: string): string | null {
  const relative = normalize(path).replace(/^[/\\]+/, "");
  if (relative.startsWith("..") || relative.split(/[/\\]/).some((p) => p.startsWith(".")))
    return null;
  try {
    return statSync(join(root, relative)).isFile() ? relative : null;
  } catch {
    return null;
  }
}

function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? "";
  return accept.includes("text/html");
}

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Nudge dashboard not built</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:12vh auto;padding:0 1.5rem;color:#1f2937}
code{background:#f3f4f6;padding:.15em .4em;border-radius:4px}h1{font-size:1.4rem}</style></head>
<body><h1>The dashboard has not been built yet</h1>
<p>The API is running, but the dashboard's files are missing. From the repository root, run</p>
<p><code>npm run build</code></p><p>then reload this page. The API itself is at <a href="/docs">/docs</a>.</p></body></html>`;
