import { randomBytes } from "node:crypto";
import type { LightMyRequestResponse } from "fastify";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { expectProblem, uid } from "./support/delivery-helpers.js";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, json, type Tenant } from "./support/fixtures.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

/** Each test talks from addresses of its own, so per-IP counts never leak between tests. */
let subnet = 0;
const addresses = () => {
  subnet += 1;
  let host = 0;
  return () => `10.${subnet}.0.${++host}`;
};

function expectRateLimited(res: LightMyRequestResponse, maxSeconds: number) {
  const problem = expectProblem(res, 429);
  expect(problem.code).toBe("rate_limited");
  const retryAfter = Number(res.headers["retry-after"]);
  expect(Number.isInteger(retryAfter), String(res.headers["retry-after"])).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds);
  expect(problem.detail).toContain(`${retryAfter} s`);
  return problem;
}

/** A fresh publishable key of `tenant`'s product, made without spending any HTTP budget. */
async function freshKey(t: TestApp, tenant: Tenant): Promise<string> {
  const store = t.services.stores.forProduct(tenant.productId).product;
  return (await t.services.products.createKey(store, "publishable", "rate-limit test")).key;
}

describe("rate-limit configuration", () => {
  it("has defaults a first run needs no variable for, and parses <requests>/<window>", () => {
    const { rateLimits } = loadConfig({});
    expect(rateLimits.loginPerEmail).toEqual({ max: 10, windowMs: 15 * 60_000 });
    expect(rateLimits.clientPerIp).toEqual({ max: 1200, windowMs: 60_000 });
    const custom = loadConfig({
      NUDGE_RATE_LIMIT_CLIENT_PER_KEY: "50/10s",
      NUDGE_RATE_LIMIT_ADMIN_PER_IP: "off",
      NUDGE_RATE_LIMIT_LOGIN_PER_IP: "5 / 2h",
    }).rateLimits;
    expect(custom.clientPerKey).toEqual({ max: 50, windowMs: 10_000 });
    expect(custom.adminPerIp).toBeNull();
    expect(custom.loginPerIp).toEqual({ max: 5, windowMs: 2 * 3_600_000 });
    for (const bad of ["600", "0/1m", "10/0m", "ten/1m", "10/1d"]) {
      expect(() => loadConfig({ NUDGE_RATE_LIMIT_CLIENT_PER_IP: bad })).toThrow(
        /NUDGE_RATE_LIMIT_CLIENT_PER_IP/,
      );
    }
    expect(() => loadConfig({ REDIS_URL: "localhost:6379" })).toThrow(/REDIS_URL/);
  });
});

describe.each(dialects)("rate limits on %s", (dialect) => {
  describe("client routes", () => {
    let t: TestApp;
    let tenant: Tenant;
    let other: Tenant;

    beforeAll(async () => {
      t = await startTestApp(dialect, {
        env: { NUDGE_RATE_LIMIT_CLIENT_PER_KEY: "5/1m", NUDGE_RATE_LIMIT_CLIENT_PER_IP: "8/1m" },
      });
      tenant = await addTenant(t.services, "limited");
      other = await addTenant(t.services, "neighbour");
    });
    afterAll(() => t.close());

    const active = (key: string, remoteAddress: string, headers: Record<string, string> = {}) =>
      t.app.inject({
        url: "/api/v1/messages/active?distinct_id=someone",
        headers: { ...bearer(key), ...headers },
        remoteAddress,
      });

    it("answers 429 problem+json with Retry-After once a key has spent its budget", async () => {
      const ip = addresses();
      const key = await freshKey(t, tenant);
      for (let i = 0; i < 5; i++) expect((await active(key, ip())).statusCode).toBe(200);
      const refused = await active(key, ip());
      expect(expectRateLimited(refused, 60).detail).toContain("API key");
      // The same key in the query string is the same budget.
      const viaQuery = await t.app.inject({
        url: `/api/v1/messages/active?distinct_id=someone&api_key=${key}`,
        remoteAddress: ip(),
      });
      expectRateLimited(viaQuery, 60);
    });

    it("counts each key apart: one exhausted key blocks no other", async () => {
      const ip = addresses();
      const spent = await freshKey(t, tenant);
      for (let i = 0; i < 6; i++) await active(spent, ip());
      expect((await active(spent, ip())).statusCode).toBe(429);
      expect((await active(await freshKey(t, tenant), ip())).statusCode).toBe(200);
      expect((await active(other.publishableKey, ip())).statusCode).toBe(200);
    });

    it("counts each IP address: over its budget it gets 429 whatever key it sends", async () => {
      const ip = addresses();
      const crowded = ip();
      const keys = [await freshKey(t, tenant), await freshKey(t, tenant)];
      for (let i = 0; i < 8; i++) {
        expect((await active(keys[i % 2]!, crowded)).statusCode).toBe(200);
      }
      const refused = await active(await freshKey(t, tenant), crowded);
      expect(expectRateLimited(refused, 60).detail).toContain("IP address");
      // Another address with the same keys is not affected, and those keys kept budget.
      expect((await active(keys[0]!, ip())).statusCode).toBe(200);
    });

    it("limits /events, /identify and /track too, before reading their bodies", async () => {
      const message = "msg_000000000000000000000000";
      const calls: [string, string, (i: number) => object][] = [
        [
          "POST",
          "/api/v1/events",
          () => ({ batch: [{ uuid: uid(), event: "x", distinctId: "u" }] }),
        ],
        ["POST", "/api/v1/identify", () => ({ distinctId: "u", traits: { plan: "pro" } })],
        [
          "POST",
          `/api/v1/messages/${message}/track`,
          () => ({ type: "impression", distinctId: "u" }),
        ],
      ];
      for (const [method, url, body] of calls) {
        const ip = addresses();
        const key = await freshKey(t, tenant);
        const send = (payload: object | string) =>
          t.app.inject({
            method: method as "POST",
            url,
            headers: bearer(key),
            payload,
            remoteAddress: ip(),
          });
        for (let i = 0; i < 5; i++) expect((await send(body(i))).statusCode).toBeLessThan(429);
        expectRateLimited(await send(body(5)), 60);
        // Refused before parsing: a body that would be a 400 still answers 429.
        expectRateLimited(await send("{not json"), 60);
      }
    });

    it("lets a browser on another origin read the 429 and its Retry-After (CORS)", async () => {
      const ip = addresses();
      const key = await freshKey(t, tenant);
      const origin = { origin: "https://customer.example" };
      for (let i = 0; i < 5; i++) await active(key, ip(), origin);
      const refused = await active(key, ip(), origin);
      expectRateLimited(refused, 60);
      expect(refused.headers["access-control-allow-origin"]).toBe("*");
      const exposed = String(refused.headers["access-control-expose-headers"]).toLowerCase();
      expect(exposed.split(/,\s*/)).toContain("retry-after");
    });

    it("never limits health checks", async () => {
      for (let i = 0; i < 20; i++) {
        expect((await t.app.inject({ url: "/healthz" })).statusCode).toBe(200);
      }
    });
  });

  describe("admin routes", () => {
    let t: TestApp;
    let tenant: Tenant;

    beforeAll(async () => {
      t = await startTestApp(dialect, {
        env: {
          NUDGE_RATE_LIMIT_ADMIN_PER_CREDENTIAL: "4/1m",
          NUDGE_RATE_LIMIT_ADMIN_PER_IP: "6/1m",
        },
      });
      tenant = await addTenant(t.services, "admin-limited");
    });
    afterAll(() => t.close());

    const products = (headers: Record<string, string>, remoteAddress: string) =>
      t.app.inject({ url: "/api/v1/products", headers, remoteAddress });

    it("counts per secret key or session, and per IP address", async () => {
      const ip = addresses();
      for (let i = 0; i < 4; i++) {
        expect((await products(bearer(tenant.secretKey), ip())).statusCode).toBe(200);
      }
      const refused = await products(bearer(tenant.secretKey), ip());
      expect(expectRateLimited(refused, 60).detail).toContain("credential");

      const store = t.services.stores.forProduct(tenant.productId).product;
      const second = (await t.services.products.createKey(store, "secret", "second")).key;
      expect((await products(bearer(second), ip())).statusCode).toBe(200);

      // Without any credential only the address is counted.
      const crowded = addresses()();
      for (let i = 0; i < 6; i++) expect((await products({}, crowded)).statusCode).toBe(401);
      expect(expectRateLimited(await products({}, crowded), 60).detail).toContain("IP address");
      // An unknown key is counted like any other credential: guessing keys is limited too.
      const unknown = { authorization: `Bearer sk_${randomBytes(32).toString("base64url")}` };
      for (let i = 0; i < 4; i++) expect((await products(unknown, ip())).statusCode).toBe(401);
      expectRateLimited(await products(unknown, ip()), 60);
    });
  });

  describe("login", () => {
    let t: TestApp;
    let tenant: Tenant;

    beforeAll(async () => {
      t = await startTestApp(dialect, {
        env: {
          NUDGE_RATE_LIMIT_LOGIN_PER_EMAIL: "10/15m",
          NUDGE_RATE_LIMIT_LOGIN_PER_IP: "30/15m",
        },
      });
      tenant = await addTenant(t.services, "brute-forced");
    });
    afterAll(() => t.close());

    const attempt = (email: string, password: string, remoteAddress: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email, password },
        remoteAddress,
      });

    it("refuses an 11th attempt on one account from one address, even with the right password", async () => {
      const attacker = addresses()();
      for (let i = 0; i < 10; i++) {
        const res = await attempt(tenant.email, `guess number ${i}`, attacker);
        expect(res.statusCode, res.body).toBe(401);
      }
      const refused = await attempt(tenant.email, tenant.password, attacker);
      expectRateLimited(refused, 15 * 60);
      expect(refused.cookies.find((c) => c.name === "nudge_session")).toBeUndefined();
      // The email is compared as the login compares it: case does not buy more guesses.
      expectRateLimited(await attempt(tenant.email.toUpperCase(), "guess", attacker), 15 * 60);

      // The owner, from their own address, still logs in; the attacker may try other emails.
      const owner = await attempt(tenant.email, tenant.password, addresses()());
      expect(owner.statusCode, owner.body).toBe(200);
      expect((await attempt("someone-else@example.com", "guess", attacker)).statusCode).toBe(401);
    });

    it("refuses one address trying many accounts", async () => {
      const sprayer = addresses()();
      for (let i = 0; i < 30; i++) {
        expect((await attempt(`user-${i}@example.com`, "Winter2026!", sprayer)).statusCode).toBe(
          401,
        );
      }
      expectRateLimited(await attempt("user-99@example.com", "Winter2026!", sprayer), 15 * 60);
    });

    it("throttles first-run setup the same way", async () => {
      const ip = addresses()();
      const body = {
        email: "setup@example.com",
        password: "a long password",
        organizationName: "Acme",
        productName: "Web",
      };
      for (let i = 0; i < 10; i++) {
        const res = await t.app.inject({
          method: "POST",
          url: "/api/v1/setup",
          payload: body,
          remoteAddress: ip,
        });
        expect(res.statusCode, res.body).not.toBe(429);
      }
      const refused = await t.app.inject({
        method: "POST",
        url: "/api/v1/setup",
        payload: body,
        remoteAddress: ip,
      });
      expectRateLimited(refused, 15 * 60);
    });
  });

  describe("counters in Redis", () => {
    const redisUrl = inject("redisUrl");
    const prefix = `nudge-test:${randomBytes(6).toString("hex")}:`;
    const nodes: TestApp[] = [];
    const tenants: Tenant[] = [];

    beforeAll(async () => {
      if (!redisUrl) return;
      for (let i = 0; i < 2; i++) {
        const node = await startTestApp(dialect, {
          env: {
            REDIS_URL: redisUrl,
            NUDGE_REDIS_PREFIX: prefix,
            NUDGE_RATE_LIMIT_CLIENT_PER_IP: "4/1m",
          },
        });
        nodes.push(node);
        tenants.push(await addTenant(node.services, `node-${i}`));
      }
    });
    afterAll(async () => {
      await Promise.all(nodes.map((node) => node.close()));
      if (!redisUrl) return;
      // Only this file's keys: the Redis may be shared with other suites or deployments.
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    });

    it.skipIf(!redisUrl)("are shared by every node", async () => {
      const ip = addresses()();
      const [one, two] = nodes as [TestApp, TestApp];
      const call = (node: TestApp, key: string) =>
        node.app.inject({
          url: "/api/v1/messages/active?distinct_id=someone",
          headers: bearer(key),
          remoteAddress: ip,
        });
      expect((await call(one, tenants[0]!.publishableKey)).statusCode).toBe(200);
      expect((await call(two, tenants[1]!.publishableKey)).statusCode).toBe(200);
      expect((await call(one, tenants[0]!.publishableKey)).statusCode).toBe(200);
      expect((await call(two, tenants[1]!.publishableKey)).statusCode).toBe(200);
      // Four requests in all, two per node: the fifth is refused on either node.
      expectRateLimited(await call(one, tenants[0]!.publishableKey), 60);
      expectRateLimited(await call(two, tenants[1]!.publishableKey), 60);

      const redis = new Redis(redisUrl);
      try {
        expect((await redis.keys(`${prefix}rl:*`)).length).toBeGreaterThan(0);
      } finally {
        await redis.quit();
      }
    });

    it("keep throttling logins in each node while the store is down", async () => {
      const down = await startTestApp(dialect, {
        env: { REDIS_URL: "redis://127.0.0.1:1", NUDGE_RATE_LIMIT_LOGIN_PER_EMAIL: "3/1m" },
      });
      try {
        const tenant = await addTenant(down.services, "redis-down-login");
        const ip = addresses()();
        const attempt = (password: string) =>
          down.app.inject({
            method: "POST",
            url: "/api/v1/auth/login",
            payload: { email: tenant.email, password },
            remoteAddress: ip,
          });
        for (let i = 0; i < 3; i++) expect((await attempt("wrong guess")).statusCode).toBe(401);
        expectRateLimited(await attempt(tenant.password), 60);
      } finally {
        await down.close();
      }
    });

    it("let requests through when the store fails, rather than answering 500", async () => {
      // Nothing listens on port 1: every counter call fails at once.
      const down = await startTestApp(dialect, {
        env: { REDIS_URL: "redis://127.0.0.1:1", NUDGE_RATE_LIMIT_CLIENT_PER_IP: "1/1m" },
      });
      try {
        const tenant = await addTenant(down.services, "redis-down");
        const ip = addresses()();
        for (let i = 0; i < 3; i++) {
          const res = await down.app.inject({
            url: "/api/v1/messages/active?distinct_id=someone",
            headers: bearer(tenant.publishableKey),
            remoteAddress: ip,
          });
          expect(res.statusCode, res.body).toBe(200);
          expect(json(res)).toHaveProperty("messages");
        }
      } finally {
        await down.close();
      }
    });
  });
});
