import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectProblemCode as expectProblem, sessionCookieOf } from "./support/auth-helpers.js";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, json, login, type Tenant } from "./support/fixtures.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

describe.each(dialects)("setup, login and sessions on %s", (dialect) => {
  let t: TestApp;
  let tenant: Tenant;
  let owner: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    tenant = await addTenant(t.services, "sessions");
    owner = (await login(t.app, tenant.email, tenant.password)).cookie;
  });
  afterAll(() => t.close());

  it("first setup answers 201 with ids and keys and logs in; a second one answers 409", async () => {
    const fresh = await startTestApp(dialect);
    try {
      const input = {
        email: "Founder@Example.com",
        password: "a long enough password",
        organizationName: "Acme",
        productName: "Acme web",
      };
      const first = await fresh.app.inject({
        method: "POST",
        url: "/api/v1/setup",
        payload: input,
      });
      expect(first.statusCode, first.body).toBe(201);
      const body = json<Record<string, string>>(first);
      expect(Object.keys(body).sort()).toEqual([
        "organizationId",
        "productId",
        "publishableKey",
        "secretKey",
      ]);
      expect(body.publishableKey).toMatch(/^pk_/);
      expect(body.secretKey).toMatch(/^sk_/);
      const cookie = sessionCookieOf(first);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
      const me = await fresh.app.inject({
        url: "/api/v1/me",
        headers: { cookie: `nudge_session=${cookie.value}` },
      });
      expect(json(me)).toMatchObject({
        account: { email: "founder@example.com" },
        organizations: [{ id: body.organizationId, name: "Acme", role: "owner" }],
      });
      const product = await fresh.app.inject({
        url: `/api/v1/products/${body.productId}`,
        headers: bearer(body.secretKey!),
      });
      expect(product.statusCode).toBe(200);

      const second = await fresh.app.inject({
        method: "POST",
        url: "/api/v1/setup",
        payload: { ...input, email: "intruder@example.com" },
      });
      expectProblem(second, 409, "already_set_up");
      expect(second.cookies).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it("refuses a wrong password and an unknown email alike with 401", async () => {
    const attempt = (email: string, password: string) =>
      t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
    const wrong = await attempt(tenant.email, "not the password");
    const unknown = await attempt("nobody@example.com", tenant.password);
    expectProblem(wrong, 401, "unauthorized");
    expectProblem(unknown, 401, "unauthorized");
    expect(json(wrong).detail).toBe(json(unknown).detail);
    expect(json(wrong).title).toBe(json(unknown).title);
    expect(wrong.cookies).toEqual([]);
    expect(unknown.cookies).toEqual([]);
  });

  it("logs in with an HttpOnly, SameSite=Lax cookie that /me accepts", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: tenant.email.toUpperCase(), password: tenant.password },
    });
    expect(res.statusCode).toBe(200);
    const cookie = sessionCookieOf(res);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie.secure).not.toBe(true);
    const me = await t.app.inject({
      url: "/api/v1/me",
      headers: { cookie: `nudge_session=${cookie.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(json(me)).toMatchObject({
      account: { email: tenant.email },
      organizations: [{ id: tenant.organizationId, role: "owner" }],
    });
    // Behind an untrusted proxy a forwarded https does not make the cookie Secure.
    const forwarded = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      headers: { "x-forwarded-proto": "https" },
      payload: { email: tenant.email, password: tenant.password },
    });
    expect(sessionCookieOf(forwarded).secure).not.toBe(true);
  });

  it("marks the cookie Secure over https behind a trusted proxy", async () => {
    const proxied = await startTestApp(dialect, { env: { NUDGE_TRUST_PROXY: "true" } });
    try {
      const other = await addTenant(proxied.services, "proxied");
      const res = await proxied.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        headers: { "x-forwarded-proto": "https" },
        payload: { email: other.email, password: other.password },
      });
      expect(res.statusCode).toBe(200);
      expect(sessionCookieOf(res)).toMatchObject({
        secure: true,
        httpOnly: true,
        sameSite: "Lax",
      });
    } finally {
      await proxied.close();
    }
  });

  it("logs out: the old cookie no longer works", async () => {
    const { cookie } = await login(t.app, tenant.email, tenant.password);
    expect((await t.app.inject({ url: "/api/v1/me", headers: { cookie } })).statusCode).toBe(200);
    const out = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie },
    });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === "nudge_session");
    expect(cleared?.value ?? "").toBe("");
    expectProblem(
      await t.app.inject({ url: "/api/v1/me", headers: { cookie } }),
      401,
      "unauthorized",
    );
    const products = await t.app.inject({ url: "/api/v1/products", headers: { cookie } });
    expectProblem(products, 401, "unauthorized");
    // Other sessions of the same account are untouched.
    expect((await t.app.inject({ url: "/api/v1/me", headers: { cookie: owner } })).statusCode).toBe(
      200,
    );
  });
});
