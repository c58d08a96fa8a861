import { createHmac } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userHashMatches, userHashOf } from "../src/domain/tenancy/user-hash.js";
import { type Api, api, expectProblem, uid } from "./support/delivery-helpers.js";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, json, login, type Tenant } from "./support/fixtures.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

/** What the customer's backend computes, written out here rather than imported from src. */
const hashOf = (secret: string, distinctId: string) =>
  createHmac("sha256", secret).update(distinctId).digest("hex");

type Route = "active" | "identify" | "track" | "events";
const routes: Route[] = ["active", "identify", "track", "events"];
const okStatus: Record<Route, number> = { active: 200, identify: 204, track: 202, events: 202 };
/** Where each route takes the hash, as the 401 names it. */
const hashPath: Record<Route, string> = {
  active: "querystring.user_hash",
  identify: "userHash",
  track: "userHash",
  events: "batch.0.userHash",
};

describe("userHash", () => {
  it("matches the test vector in docs/identity-verification.md", () => {
    const vector = "893099ea9cd4fe4596868ee8e6bd293e12ab9cc48d6eb84849b42549a74f21c0";
    expect(userHashOf("idv_test", "user-42")).toBe(vector);
    expect(hashOf("idv_test", "user-42")).toBe(vector);
    expect(userHashMatches(vector, vector.toUpperCase())).toBe(true);
    for (const wrong of ["", vector.slice(1), `${vector}0`, `${vector.slice(0, -1)}g`]) {
      expect(userHashMatches(vector, wrong)).toBe(false);
    }
  });
});

describe.each(dialects)("identity verification on %s", (dialect) => {
  let t: TestApp;
  let tenant: Tenant;
  let a: Api;
  let messageId: string;
  let n = 0;
  const user = () => `verified-user-${++n}`;
  const base = () => `/api/v1/products/${tenant.productId}`;

  /** One call of `route` for `distinctId`, with `userHash` when given. */
  function call(
    route: Route,
    distinctId: string,
    userHash?: string,
    headers = bearer(tenant.publishableKey),
  ): Promise<LightMyRequestResponse> {
    const withHash = userHash === undefined ? {} : { userHash };
    switch (route) {
      case "active": {
        const hash = userHash === undefined ? "" : `&user_hash=${userHash}`;
        return t.app.inject({
          url: `/api/v1/messages/active?distinct_id=${encodeURIComponent(distinctId)}${hash}`,
          headers,
        });
      }
      case "identify":
        return t.app.inject({
          method: "POST",
          url: "/api/v1/identify",
          headers,
          payload: { distinctId, traits: { plan: "pro" }, ...withHash },
        });
      case "track":
        return t.app.inject({
          method: "POST",
          url: `/api/v1/messages/${messageId}/track`,
          headers,
          payload: { type: "impression", distinctId, ...withHash },
        });
      case "events":
        return t.app.inject({
          method: "POST",
          url: "/api/v1/events",
          headers,
          payload: { batch: [{ uuid: uid(), event: "verified_click", distinctId, ...withHash }] },
        });
    }
  }

  async function readSecret(headers: Record<string, string> = bearer(tenant.secretKey)) {
    const res = await t.app.inject({ url: `${base()}/identity-secret`, headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["cache-control"]).toContain("no-store");
    return json<{ secret: string; createdAt: string }>(res).secret;
  }

  function expectRefused(res: LightMyRequestResponse, path: string) {
    const problem = expectProblem(res, 401);
    expect(problem.code).toBe("unauthorized");
    expect(problem.errors?.map((e) => e.path)).toEqual([path]);
    expect(problem.detail).toContain("userHash");
  }

  beforeAll(async () => {
    t = await startTestApp(dialect);
    tenant = await addTenant(t.services, "verified");
    a = api(t, tenant);
    messageId = (await a.createMessage()).id;
  });
  afterAll(() => t.close());

  it.each(routes)("is off by default: %s works without a userHash", async (route) => {
    const product = await t.app.inject({ url: base(), headers: bearer(tenant.secretKey) });
    expect(json(product).identityVerification).toBe(false);
    const res = await call(route, user());
    expect(res.statusCode, res.body).toBe(okStatus[route]);
  });

  describe("when on", () => {
    let secret: string;

    beforeAll(async () => {
      await a.patchProduct({ identityVerification: true });
      secret = await readSecret();
    });

    it("gives each product a 256-bit secret of its own, the same on every read", async () => {
      expect(secret).toMatch(/^idv_[A-Za-z0-9_-]{43}$/);
      expect(await readSecret()).toBe(secret);
      const other = await addTenant(t.services, "other");
      const theirs = await t.app.inject({
        url: `/api/v1/products/${other.productId}/identity-secret`,
        headers: bearer(other.secretKey),
      });
      expect(json(theirs).secret).not.toBe(secret);
    });

    it.each(routes)("%s: a missing userHash → 401 naming it", async (route) => {
      expectRefused(await call(route, user()), hashPath[route]);
    });

    it.each(routes)("%s: a wrong or malformed userHash → 401", async (route) => {
      const u = user();
      const right = hashOf(secret, u);
      const flipped = `${right.slice(0, -1)}${right.endsWith("0") ? "1" : "0"}`;
      for (const wrong of [flipped, "0".repeat(64), "not-a-hash", hashOf("idv_guess", u), ""]) {
        expectRefused(await call(route, u, wrong), hashPath[route]);
      }
    });

    it.each(routes)("%s: another user's valid hash → 401", async (route) => {
      const mine = user();
      const victim = user();
      expectRefused(await call(route, victim, hashOf(secret, mine)), hashPath[route]);
    });

    it.each(routes)("%s: the right hash → accepted (hex in either case)", async (route) => {
      const u = user();
      const res = await call(route, u, hashOf(secret, u));
      expect(res.statusCode, res.body).toBe(okStatus[route]);
      const upper = await call(route, u, hashOf(secret, u).toUpperCase());
      expect(upper.statusCode, upper.body).toBe(okStatus[route]);
    });

    it("checks every item of an /events batch and refuses the batch whole", async () => {
      const [u1, u2] = [user(), user()];
      const item = (distinctId: string, userHash?: string) => ({
        uuid: uid(),
        event: "batch_checked",
        distinctId,
        ...(userHash === undefined ? {} : { userHash }),
      });
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/events",
        headers: bearer(tenant.publishableKey),
        payload: {
          batch: [
            item(u1, hashOf(secret, u1)),
            item(u2, hashOf(secret, u2)),
            item(u1, hashOf(secret, u2)),
            item(u2),
          ],
        },
      });
      const problem = expectProblem(res, 401);
      expect(problem.errors?.map((e) => e.path)).toEqual(["batch.2.userHash", "batch.3.userHash"]);
      expect(await a.eventNames()).not.toContain("batch_checked");

      const good = await t.app.inject({
        method: "POST",
        url: "/api/v1/events",
        headers: bearer(tenant.publishableKey),
        payload: { batch: [item(u1, hashOf(secret, u1)), item(u2, hashOf(secret, u2))] },
      });
      expect(good.statusCode, good.body).toBe(202);
      expect(await a.eventNames()).toContain("batch_checked");
    });

    it.each(routes)("%s: a secret key (the customer's backend) needs no userHash", async (r) => {
      const res = await call(r, user(), undefined, bearer(tenant.secretKey));
      expect(res.statusCode, res.body).toBe(okStatus[r]);
    });

    it("viewers may not read or rotate the secret; editors may", async () => {
      const owner = (await login(t.app, tenant.email, tenant.password)).cookie;
      const cookies: Record<string, string> = {};
      for (const role of ["viewer", "editor"]) {
        const email = `${role}-${Date.now()}@example.com`;
        const added = await t.app.inject({
          method: "POST",
          url: `/api/v1/organizations/${tenant.organizationId}/members`,
          headers: { cookie: owner },
          payload: { email, password: "member password", role },
        });
        expect(added.statusCode, added.body).toBe(201);
        cookies[role] = (await login(t.app, email, "member password")).cookie;
      }
      const viewer = { cookie: cookies.viewer! };
      const read = await t.app.inject({ url: `${base()}/identity-secret`, headers: viewer });
      expect(expectProblem(read, 403).code).toBe("forbidden");
      expect(read.body).not.toContain(secret);
      const rotate = await t.app.inject({
        method: "POST",
        url: `${base()}/identity-secret/rotate`,
        headers: viewer,
      });
      expect(expectProblem(rotate, 403).code).toBe("forbidden");
      const byKey = await t.app.inject({
        url: `${base()}/identity-secret`,
        headers: bearer(tenant.publishableKey),
      });
      expect(expectProblem(byKey, 403).code).toBe("forbidden");

      expect(await readSecret({ cookie: cookies.editor! })).toBe(secret);
      expect(await readSecret({ cookie: owner })).toBe(secret);
    });

    it("rotating the secret makes hashes of the old one fail at once", async () => {
      const u = user();
      const oldHash = hashOf(secret, u);
      expect((await call("active", u, oldHash)).statusCode).toBe(200);

      const res = await t.app.inject({
        method: "POST",
        url: `${base()}/identity-secret/rotate`,
        headers: bearer(tenant.secretKey),
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers["cache-control"]).toContain("no-store");
      const rotated = json<{ secret: string }>(res).secret;
      expect(rotated).not.toBe(secret);
      expect(await readSecret()).toBe(rotated);

      for (const route of routes) {
        expectRefused(await call(route, u, oldHash), hashPath[route]);
        const fresh = await call(route, u, hashOf(rotated, u));
        expect(fresh.statusCode, fresh.body).toBe(okStatus[route]);
      }
      secret = rotated;
    });

    it.each(routes)("turned off again, %s needs no userHash", async (route) => {
      await a.patchProduct({ identityVerification: false });
      const res = await call(route, user());
      expect(res.statusCode, res.body).toBe(okStatus[route]);
    });
  });
});
