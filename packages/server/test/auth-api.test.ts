import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectProblemCode as expectProblem } from "./support/auth-helpers.js";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, buildMessage, json, login, type Tenant } from "./support/fixtures.js";
import {
  type AdminRoute,
  adminRoutes,
  callRoute,
  freshIds,
  type RouteIds,
  routeName,
} from "./support/route-table.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

/** `[name, route]` pairs: it.each prints the name in full. */
const rows = adminRoutes.map((r) => [routeName(r), r] as const);
const writes = rows.filter(([, r]) => r.write);
const getProduct = adminRoutes.find((r) => routeName(r) === "GET /api/v1/products/:productId")!;

const unknownKey = `sk_${randomBytes(32).toString("base64url")}`;

describe.each(dialects)("authentication and roles on %s", (dialect) => {
  let t: TestApp;
  let tenant: Tenant;
  let owner: string;
  let ids: RouteIds;
  let revokedKey: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    tenant = await addTenant(t.services, "auth");
    owner = (await login(t.app, tenant.email, tenant.password)).cookie;
    ids = await freshIds(t.app, tenant, bearer(tenant.secretKey));
    const created = await t.app.inject({
      method: "POST",
      url: `/api/v1/products/${tenant.productId}/keys`,
      headers: bearer(tenant.secretKey),
      payload: { type: "secret", name: "Soon revoked" },
    });
    const { id, key } = json<{ id: string; key: string }>(created);
    revokedKey = key;
    expect((await callRoute(t.app, getProduct, ids, bearer(key))).statusCode).toBe(200);
    const revoke = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/products/${tenant.productId}/keys/${id}`,
      headers: bearer(tenant.secretKey),
    });
    expect(revoke.statusCode).toBe(204);
  });
  afterAll(() => t.close());

  /** Fresh ids for a call that may succeed (and so consume its target). */
  const freshFor = (r: AdminRoute) =>
    freshIds(t.app, tenant, bearer(tenant.secretKey), {
      ...(r.route.includes(":accountId") ? { ownerCookie: owner } : {}),
    });

  /** What a caller can see of the tenant, to show that a refused call changed nothing. */
  async function snapshot(target: RouteIds = ids) {
    const read = async (path: string, headers: Record<string, string> = bearer(tenant.secretKey)) =>
      (await t.app.inject({ url: `/api/v1/${path}`, headers })).json();
    const keys = (await read(`products/${tenant.productId}/keys`)) as { items: object[] };
    return {
      product: await read(`products/${tenant.productId}`),
      message: await read(`products/${tenant.productId}/messages/${target.messageId}`),
      segment: await read(`products/${tenant.productId}/segments/${target.segmentId}`),
      experiment: await read(`products/${tenant.productId}/experiments/${target.experimentId}`),
      identitySecret: await read(`products/${tenant.productId}/identity-secret`),
      products: await read("products", { cookie: owner }),
      messages: await read(`products/${tenant.productId}/messages?limit=200`),
      segments: await read(`products/${tenant.productId}/segments`),
      keys: keys.items.map((k) => ({ ...k, lastUsedAt: null })),
      members: await read(`organizations/${tenant.organizationId}/members`, { cookie: owner }),
    };
  }

  describe("credentials", () => {
    const rejected: [string, (key: string) => Record<string, string>[]][] = [
      ["no credentials", () => [{}]],
      [
        "a malformed Authorization header",
        (key) => [
          { authorization: "Basic dXNlcjpwYXNzd29yZA==" },
          { authorization: "Bearer" },
          { authorization: `Bearer ${key} extra` },
          { authorization: key },
          { authorization: `Token ${key}` },
        ],
      ],
      [
        "an unknown key",
        () => [bearer(unknownKey), { "x-api-key": unknownKey }, bearer("hello"), bearer("sk_x")],
      ],
      ["an unknown session", () => [{ cookie: "nudge_session=ses_not-a-session" }]],
    ];

    describe.each(rejected)("%s → 401", (_label, headersOf) => {
      it.each(rows)("%s", async (_name, r) => {
        for (const headers of headersOf(tenant.secretKey)) {
          expectProblem(await callRoute(t.app, r, ids, headers), 401, "unauthorized");
        }
      });
    });

    it.each(rows)("a revoked key → 401: %s", async (_name, r) => {
      expectProblem(await callRoute(t.app, r, ids, bearer(revokedKey)), 401, "unauthorized");
      const viaHeader = await callRoute(t.app, r, ids, { "x-api-key": revokedKey });
      expectProblem(viaHeader, 401, "unauthorized");
    });

    it.each(rows)("a publishable key → 403: %s", async (_name, r) => {
      const before = await snapshot();
      const pk = tenant.publishableKey;
      expectProblem(await callRoute(t.app, r, ids, bearer(pk)), 403, "forbidden");
      expectProblem(await callRoute(t.app, r, ids, { "x-api-key": pk }), 403, "forbidden");
      expect(await snapshot()).toEqual(before);
    });

    it.each(rows)("X-API-Key works like Bearer: %s", async (_name, r) => {
      const expected = r.sessionOnly ? 403 : r.ok;
      const viaBearer = await callRoute(t.app, r, await freshFor(r), bearer(tenant.secretKey));
      const viaHeader = await callRoute(t.app, r, await freshFor(r), {
        "x-api-key": tenant.secretKey,
      });
      expect(viaBearer.statusCode, viaBearer.body).toBe(expected);
      expect(viaHeader.statusCode, viaHeader.body).toBe(expected);
    });
  });

  describe("roles", () => {
    let viewer: string;
    let editor: string;

    beforeAll(async () => {
      for (const [role, email] of [
        ["viewer", `viewer-${Date.now()}@example.com`],
        ["editor", `editor-${Date.now()}@example.com`],
      ] as const) {
        const added = await t.app.inject({
          method: "POST",
          url: `/api/v1/organizations/${tenant.organizationId}/members`,
          headers: { cookie: owner },
          payload: { email, password: "member password", role },
        });
        expect(added.statusCode, added.body).toBe(201);
        const { cookie } = await login(t.app, email, "member password");
        if (role === "viewer") viewer = cookie;
        else editor = cookie;
      }
    });

    it.each(rows)("a viewer reads but never writes: %s", async (_name, r) => {
      const target = await freshFor(r);
      const before = await snapshot(target);
      const res = await callRoute(t.app, r, target, { cookie: viewer });
      if (r.write || r.editorOnly) {
        expectProblem(res, 403, "forbidden");
        expect(await snapshot(target)).toEqual(before);
      } else {
        expect(res.statusCode, res.body).toBe(r.ok);
      }
    });

    it.each(rows)(
      "an editor writes messages but manages no team or products: %s",
      async (_name, r) => {
        const res = await callRoute(t.app, r, await freshFor(r), { cookie: editor });
        if (r.ownerOnly) expectProblem(res, 403, "forbidden");
        else expect(res.statusCode, res.body).toBe(r.ok);
      },
    );

    it.each(rows)("an owner may do everything: %s", async (_name, r) => {
      const res = await callRoute(t.app, r, await freshFor(r), { cookie: owner });
      expect(res.statusCode, res.body).toBe(r.ok);
    });
  });

  describe("cross-site requests", () => {
    const host = "nudge.example";

    it.each(writes)("a cookie write from another site → 403: %s", async (_name, r) => {
      const before = await snapshot();
      const crossSite: Record<string, string>[] = [
        { origin: "https://evil.example" },
        { origin: "https://nudge.example.evil.example" },
        { origin: "null" },
        { "sec-fetch-site": "cross-site" },
        { origin: `https://${host}`, "sec-fetch-site": "cross-site" },
      ];
      for (const extra of crossSite) {
        const res = await callRoute(t.app, r, ids, { cookie: owner, host, ...extra });
        expectProblem(res, 403, "forbidden");
      }
      expect(await snapshot()).toEqual(before);
    });

    it.each(writes)("a cookie write from the same origin is allowed: %s", async (_name, r) => {
      const headers = {
        cookie: owner,
        host,
        origin: `https://${host}`,
        "sec-fetch-site": "same-origin",
      };
      const res = await callRoute(t.app, r, await freshFor(r), headers);
      expect(res.statusCode, res.body).toBe(r.ok);
    });

    it("reads, and key-authenticated writes, carry no Origin restriction", async () => {
      const evil = { host, origin: "https://evil.example", "sec-fetch-site": "cross-site" };
      const read = await t.app.inject({
        url: `/api/v1/products/${tenant.productId}/messages`,
        headers: { cookie: owner, ...evil },
      });
      expect(read.statusCode).toBe(200);
      const write = await t.app.inject({
        method: "POST",
        url: `/api/v1/products/${tenant.productId}/messages`,
        headers: { ...bearer(tenant.secretKey), ...evil },
        payload: buildMessage(),
      });
      expect(write.statusCode).toBe(201);
    });
  });

  describe("API keys", () => {
    it("shows a new key once, with no-store, and lists prefixes only", async () => {
      const url = `/api/v1/products/${tenant.productId}/keys`;
      const created = await t.app.inject({
        method: "POST",
        url,
        headers: bearer(tenant.secretKey),
        payload: { type: "secret", name: "CI deploys" },
      });
      expect(created.statusCode).toBe(201);
      expect(created.headers["cache-control"]).toContain("no-store");
      const key = json<{ id: string; key: string; prefix: string; type: string }>(created);
      expect(key).toMatchObject({ type: "secret", name: "CI deploys" });
      expect(key.key).toMatch(/^sk_/);
      expect(key.key.startsWith(key.prefix.replace("…", ""))).toBe(true);
      expect((await callRoute(t.app, getProduct, ids, bearer(key.key))).statusCode).toBe(200);

      const list = await t.app.inject({ url, headers: bearer(tenant.secretKey) });
      expect(list.statusCode).toBe(200);
      for (const secret of [key.key, tenant.secretKey, tenant.publishableKey]) {
        expect(list.body).not.toContain(secret);
      }
      const items = json<{ items: Record<string, unknown>[] }>(list).items;
      expect(items.map((k) => k.id)).toContain(key.id);
      for (const item of items) {
        expect(item).not.toHaveProperty("key");
        expect(Object.keys(item).filter((k) => /hash|secret/i.test(k))).toEqual([]);
        expect(String(item.prefix).length).toBeLessThan(16);
      }
      expect(list.body.toLowerCase()).not.toContain("hash");
    });
  });
});
