import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, type Tenant } from "./support/fixtures.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

describe.each(dialects)("trait keys and a person's traits on %s", (dialect) => {
  let t: TestApp;
  let tenant: Tenant;
  let other: Tenant;
  const identify = (who: Tenant, payload: object) =>
    t.app.inject({
      method: "POST",
      url: "/api/v1/identify",
      headers: bearer(who.publishableKey),
      payload,
    });
  const get = (who: Tenant, productId: string, rest: string) =>
    t.app.inject({
      method: "GET",
      url: `/api/v1/products/${productId}${rest}`,
      headers: bearer(who.secretKey),
    });

  beforeAll(async () => {
    t = await startTestApp(dialect);
    tenant = await addTenant(t.services, "people");
    other = await addTenant(t.services, "people-other");
    await identify(tenant, { distinctId: "ana", traits: { first_name: "Ana", plan: "pro" } });
    await identify(tenant, { distinctId: "bo", traits: { plan: "free", locale: "fr" } });
    await identify(other, { distinctId: "eve", traits: { secret_trait: "x" } });
  });
  afterAll(() => t.close());

  it("lists the product's trait keys, most common first, and nothing of another product", async () => {
    const res = await get(tenant, tenant.productId, "/trait-keys");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: [
        { key: "plan", users: 2 },
        { key: "first_name", users: 1 },
        { key: "locale", users: 1 },
      ],
      sampled: 2,
    });
  });

  it("returns one person's traits; someone not seen yet has none", async () => {
    const ana = await get(tenant, tenant.productId, "/users/ana");
    expect(ana.statusCode).toBe(200);
    expect(ana.json()).toEqual({
      distinctId: "ana",
      known: true,
      traits: { first_name: "Ana", plan: "pro" },
    });
    const nobody = await get(tenant, tenant.productId, "/users/nobody");
    expect(nobody.json()).toEqual({ distinctId: "nobody", known: false, traits: {} });
  });

  it("never reaches another product's people", async () => {
    // eve exists, but in the other product: through ours she is someone never seen.
    expect((await get(tenant, tenant.productId, "/users/eve")).json().known).toBe(false);
    const foreign = await get(tenant, other.productId, "/trait-keys");
    expect(foreign.statusCode).toBe(404);
    expect(foreign.headers["content-type"]).toContain("application/problem+json");
    expect((await get(tenant, other.productId, "/users/eve")).statusCode).toBe(404);
  });

  it("follows an anonymous id to the person it was linked to", async () => {
    await identify(tenant, { distinctId: "anon-1", traits: {} });
    await identify(tenant, {
      distinctId: "cy",
      anonymousId: "anon-1",
      traits: { first_name: "Cy" },
    });
    const res = await get(tenant, tenant.productId, "/users/anon-1");
    expect(res.statusCode).toBe(200);
    expect(res.json().distinctId).toBe("cy");
  });
});
