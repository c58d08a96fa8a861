import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, type Tenant } from "./support/fixtures.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

describe.each(dialects)("segment match counts on %s", (dialect) => {
  let t: TestApp;
  let tenant: Tenant;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    tenant = await addTenant(t.services, "counts");
  });
  afterAll(() => t.close());

  it("counts the people a filter selects, with the delivery rules' own matcher", async () => {
    const plans = ["pro", "free", "pro", "team", "pro"];
    for (const [i, plan] of plans.entries()) {
      await t.app.inject({
        method: "POST",
        url: "/api/v1/identify",
        headers: bearer(tenant.publishableKey),
        payload: { distinctId: `c${i}`, traits: { plan } },
      });
    }
    const count = (filter: object) =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/products/${tenant.productId}/segments/count`,
        headers: bearer(tenant.secretKey),
        payload: { filter },
      });
    expect((await count({ trait: "plan", op: "eq", value: "pro" })).json()).toEqual({
      matched: 3,
      total: 5,
    });
    expect(
      (await count({ not: { trait: "plan", op: "in", value: ["pro", "team"] } })).json(),
    ).toEqual({
      matched: 1,
      total: 5,
    });
    expect((await count({ trait: "plan", op: "like", value: "x" })).statusCode).toBe(400);
  });
});
