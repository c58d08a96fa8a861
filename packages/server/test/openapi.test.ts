import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropPostgresSchema } from "../src/storage/dialects/postgres.js";
import { dialects, postgresUrl } from "./support/dialects.js";
import { json } from "./support/fixtures.js";
import { pageRoutes, registeredRoutes } from "./support/route-table.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

/** `/products/:productId` → `/products/{productId}`, as OpenAPI writes path templates. */
const openApiPath = (route: string) => route.replace(/:([A-Za-z0-9_]+)/g, "{$1}");

describe.each(dialects)("API description and health on %s", (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t.close());

  it("serves an OpenAPI 3.1 document at /openapi.json", async () => {
    const res = await t.app.inject({ url: "/openapi.json" });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.headers["content-type"]).toContain("application/json");
    const doc = json<{ openapi: string; info: Record<string, unknown>; paths: object }>(res);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(typeof doc.paths).toBe("object");
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
  });

  it("describes every registered API route with its method", async () => {
    const res = await t.app.inject({ url: "/openapi.json" });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const paths = json<{ paths: Record<string, Record<string, unknown>> }>(res).paths;
    const routes = registeredRoutes(t.app).filter((r) => !pageRoutes.includes(r));
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.filter((entry) => {
      const [method, route] = entry.split(" ") as [string, string];
      return paths[openApiPath(route)]?.[method.toLowerCase()] === undefined;
    });
    expect(missing).toEqual([]);
    for (const hidden of Object.keys(paths)) {
      expect(hidden === "/openapi.json" || hidden.startsWith("/docs")).toBe(false);
    }
  });

  it("serves the interactive docs at /docs", async () => {
    let res = await t.app.inject({ url: "/docs" });
    if (res.statusCode >= 300 && res.statusCode < 400) {
      const location = String(res.headers.location);
      res = await t.app.inject({ url: new URL(location, "http://localhost/docs/").pathname });
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body.toLowerCase()).toContain("<html");
  });

  it("answers /healthz with 200 {status: ok} while the database is reachable", async () => {
    const res = await t.app.inject({ url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({ status: "ok" });
    expect(res.headers["cache-control"]).toContain("no-store");
  });

  it("answers /healthz with 503 problem+json once the database is gone", async () => {
    const down = await startTestApp(dialect);
    try {
      await down.services.close();
      const res = await down.app.inject({ url: "/healthz" });
      expect(res.statusCode, res.body).toBe(503);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(json(res)).toMatchObject({ status: 503, code: "unavailable" });
      expect(typeof json(res).errorId).toBe("string");
    } finally {
      await down.app.close();
      const storage = down.config.storage;
      if (storage.kind === "postgres" && storage.schema) {
        await dropPostgresSchema(postgresUrl(), storage.schema);
      }
    }
  });
});
