import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import { join } from "node:path";
import type { ConsoleMessage, Page } from "@playwright/test";
import { type RunningServer, setupTenant, startServer } from "../support/server.js";

const repo = new URL("../..", import.meta.url).pathname;
const fixtures = join(repo, "e2e/sdk/fixtures");
export const screenshots = join(repo, "test-results/screenshots");

let built = false;
/** Builds the SDK once per worker: the server serves packages/sdk/dist. */
export function buildSdk(): void {
  if (built) return;
  execFileSync(process.execPath, [join(repo, "packages/sdk/build.mjs")], { stdio: "inherit" });
  mkdirSync(screenshots, { recursive: true });
  built = true;
}

/**
 * The page side of the tests, typed by hand: evaluate() callbacks run in the browser, and the
 * root tsconfig has no DOM library.
 */
export interface TestWindow {
  nudge: {
    show(id: string): Promise<boolean>;
    track(event: string, properties?: Record<string, unknown>): void;
    milestone(name: string): void;
    identify(id: string, traits?: Record<string, unknown>): Promise<void>;
    destroy(): void;
    messages: { fetchActive(): Promise<{ id: string }[]> };
    version: string;
  };
  __nudgeTest: { hooks: [string, { messageId?: string; step?: number }][]; errors: string[] };
  __host: Record<string, number>;
  __firstNudge: unknown;
  __prototypesChanged(): string[];
  history: { pushState: unknown; back(): void };
  document: { querySelectorAll(selector: string): { length: number } };
}

export interface Stack {
  nudge: RunningServer;
  /** Fixture pages; the Nudge server's /sdk.js and /api/* are proxied here (same origin). */
  fixtures: string;
  tenant: Awaited<ReturnType<typeof setupTenant>>;
  createMessage(body: Record<string, unknown>): Promise<{ id: string }>;
  stats(id: string): Promise<Record<"impression" | "dismiss" | "cta_click" | "complete", number>>;
  stepStats(id: string): Promise<{ step: number; counts: Record<string, number> }[]>;
  /** A fixture page URL: /<fixture>/<scope>/<rest>?id=<distinctId>. */
  page(
    fixture: string,
    scope: string,
    options?: { id?: string; rest?: string; query?: Record<string, string> },
  ): string;
  stop(): Promise<void>;
}

/** The real server on SQLite, a tenant with auto-render on, and the fixture server. */
export async function startStack(): Promise<Stack> {
  buildSdk();
  const nudge = await startServer();
  const tenant = await setupTenant(nudge.url);
  const admin = (path: string, init: RequestInit = {}) =>
    fetch(`${nudge.url}/api/v1/products/${tenant.productId}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${tenant.secretKey}`, "content-type": "application/json" },
    });
  const patched = await admin("", { method: "PATCH", body: JSON.stringify({ autoRender: true }) });
  if (!patched.ok) throw new Error(`autoRender: ${patched.status} ${await patched.text()}`);
  const fixtureServer = await serveFixtures(nudge.url, tenant.publishableKey);
  let n = 0;
  return {
    nudge,
    tenant,
    fixtures: fixtureServer.url,
    async createMessage(body) {
      const res = await admin("/messages", {
        method: "POST",
        body: JSON.stringify({ name: `e2e ${++n}`, status: "active", ...body }),
      });
      if (res.status !== 201) throw new Error(`create: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    },
    async stats(id) {
      const res = await admin(`/messages/${id}/stats`);
      return ((await res.json()) as { counts: Awaited<ReturnType<Stack["stats"]>> }).counts;
    },
    async stepStats(id) {
      const res = await admin(`/messages/${id}/stats`);
      return ((await res.json()) as { steps: Awaited<ReturnType<Stack["stepStats"]>> }).steps;
    },
    page(fixture, scope, options = {}) {
      const query = new URLSearchParams({
        id: options.id ?? `user-${scope}-${Date.now()}`,
        ...options.query,
      });
      return `${fixtureServer.url}/${fixture}/${scope}/${options.rest ?? ""}?${query}`;
    },
    async stop() {
      await fixtureServer.stop();
      await nudge.stop();
    },
  };
}

export const strictCsp =
  "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'";

/**
 * Serves e2e/sdk/fixtures: `/<fixture>/<anything>` answers fixtures/<fixture>.html (so SPA routes
 * and per-test paths work), `/fixtures/*` the files. /sdk.js, /sdk/* (the content chunk) and
 * /api/* go to the Nudge server, so a page with `default-src 'self'` can use it. `strict` is
 * served with a strict CSP.
 */
async function serveFixtures(nudgeUrl: string, key: string) {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (/^\/(?:sdk\.js$|sdk\/|api\/)/.test(url.pathname)) {
      proxy(nudgeUrl, req, res);
      return;
    }
    if (url.pathname === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    try {
      if (url.pathname.startsWith("/fixtures/")) {
        const name = url.pathname.slice("/fixtures/".length).replace(/[^a-z0-9.-]/gi, "");
        const type = name.endsWith(".css") ? "text/css" : "text/javascript";
        res.writeHead(200, { "content-type": type }).end(readFileSync(join(fixtures, name)));
        return;
      }
      const fixture = url.pathname.split("/")[1]?.replace(/[^a-z0-9-]/gi, "") || "plain";
      const sameOrigin = fixture === "strict";
      const html = readFileSync(join(fixtures, `${fixture}.html`), "utf8")
        .replaceAll("%SDK%", sameOrigin ? "/sdk.js" : `${nudgeUrl}/sdk.js`)
        .replaceAll("%HOST%", sameOrigin ? "" : nudgeUrl)
        .replaceAll("%KEY%", key);
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        ...(sameOrigin ? { "content-security-policy": strictCsp } : {}),
      });
      res.end(html);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function proxy(target: string, req: IncomingMessage, res: import("node:http").ServerResponse) {
  const upstream = httpRequest(
    `${target}${req.url}`,
    { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on("error", () => res.writeHead(502).end());
  req.pipe(upstream);
}

/** Every uncaught error and console error of a page, for "the host never sees an error". */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/** A message body with one step per entry, shown by `show(id)` only. */
export function manual(steps: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  return { trigger: { type: "manual" }, steps, ...extra };
}

/**
 * Calls `window.nudge.<path>(...args)` in the page and returns the (awaited) result. A string
 * path, because evaluate() callbacks cannot close over test-side helpers.
 */
export function callNudge<T = unknown>(page: Page, path: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([p, a]) => {
      let target: unknown = (globalThis as unknown as { nudge: unknown }).nudge;
      let self: unknown = target;
      for (const key of (p as string).split(".")) {
        self = target;
        target = (target as Record<string, unknown>)[key];
      }
      return (target as (...args: unknown[]) => unknown).apply(self, a as unknown[]);
    },
    [path, args] as const,
  ) as Promise<T>;
}

/** The host's hooks as recorded by fixtures/boot.js. */
export function hooks(page: Page) {
  return page.evaluate(() => (globalThis as unknown as TestWindow).__nudgeTest.hooks);
}
