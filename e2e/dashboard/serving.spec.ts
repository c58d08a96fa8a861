import { expect, test } from "@playwright/test";
import { type RunningServer, startServer } from "../support/server.js";

/** The server hands the SPA to browsers without swallowing any route that has its own handler. */
let server: RunningServer;

test.beforeAll(async () => {
  server = await startServer();
});

test.afterAll(async () => {
  await server?.stop();
});

const html = { accept: "text/html,application/xhtml+xml" };
const isDashboard = (body: string) => body.includes('<div id="root"></div>');

test("deep links get index.html (revalidated); hashed assets are cached for a year", async ({
  request,
}) => {
  for (const path of ["/", "/messages", "/messages/msg_123/stats", "/settings"]) {
    const res = await request.get(`${server.url}${path}`, { headers: html });
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/html");
    expect(res.headers()["cache-control"]).toBe("no-cache");
    expect(isDashboard(await res.text())).toBe(true);
  }
  const index = await (await request.get(`${server.url}/`, { headers: html })).text();
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
  expect(asset).toBeTruthy();
  const res = await request.get(`${server.url}${asset}`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("javascript");
  expect(res.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
});

test("API, docs, OpenAPI, health, SDK and demo routes are never answered with the SPA", async ({
  request,
}) => {
  const missingApi = await request.get(`${server.url}/api/v1/no-such-route`, { headers: html });
  expect(missingApi.status()).toBe(404);
  expect(missingApi.headers()["content-type"]).toContain("application/problem+json");

  for (const path of [
    "/docs",
    "/openapi.json",
    "/healthz",
    "/sdk.js",
    "/demo",
    "/sdk-nope.js",
    "/demo/nope",
  ]) {
    const res = await request.get(`${server.url}${path}`, { headers: html });
    expect(isDashboard(await res.text()), path).toBe(false);
  }
  expect((await request.get(`${server.url}/healthz`)).status()).toBe(200);
});

test("non-HTML requests, other methods and escapes from the build folder get 404", async ({
  request,
}) => {
  const json = await request.get(`${server.url}/messages`, {
    headers: { accept: "application/json" },
  });
  expect(json.status()).toBe(404);
  expect(json.headers()["content-type"]).toContain("application/problem+json");

  const post = await request.post(`${server.url}/messages`, { headers: html, data: {} });
  expect(post.status()).toBe(404);

  const missingFile = await request.get(`${server.url}/assets/nope.js`, { headers: html });
  expect(missingFile.status()).toBe(404);

  for (const path of ["/..%2f..%2fpackage.json", "/%2e%2e/%2e%2e/package.json", "/.env"]) {
    const res = await request.get(`${server.url}${path}`, { headers: html });
    expect(await res.text(), path).not.toContain('"workspaces"');
  }
});
