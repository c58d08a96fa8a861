import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectProblem, uid } from "./support/delivery-helpers.js";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, type Tenant } from "./support/fixtures.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

const KiB = 1024;

/** Body sizes per route and the server's slow-client timeouts (README "Limits"). */
describe.each(dialects)("request limits on %s", (dialect) => {
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    tenant = await addTenant(t.services, "limits");
  });
  afterAll(() => t.close());

  const post = (url: string, payload: object) =>
    t.app.inject({ method: "POST", url, headers: bearer(tenant.publishableKey), payload });
  const padding = (bytes: number) => ({ note: "x".repeat(bytes) });

  it.each([
    ["/api/v1/identify", 64, (pad: object) => ({ distinctId: "u", traits: pad })],
    [
      "/api/v1/events",
      512,
      (pad: object) => ({ batch: [{ uuid: uid(), event: "x", distinctId: "u", properties: pad }] }),
    ],
  ] as const)("%s takes up to %i KiB, then answers 413", async (url, kib, body) => {
    const fits = await post(url, body(padding(kib * KiB - 200)));
    expect(fits.statusCode, fits.body).toBeLessThan(300);
    const tooBig = await post(url, body(padding(kib * KiB)));
    expect(expectProblem(tooBig, 413).code).toBe("payload_too_large");
  });

  it("/track takes 64 KiB at most", async () => {
    const res = await post("/api/v1/messages/msg_x/track", {
      type: "impression",
      distinctId: "x".repeat(64 * KiB),
    });
    expect(expectProblem(res, 413).code).toBe("payload_too_large");
  });

  it("admin routes take up to 1 MiB", async () => {
    const res = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/products/${tenant.productId}`,
      headers: bearer(tenant.secretKey),
      payload: { name: "x".repeat(1024 * KiB) },
    });
    expect(expectProblem(res, 413).code).toBe("payload_too_large");
  });

  it("cuts slow clients off: headers 10 s, whole request 30 s, idle socket 60 s", () => {
    const server = t.app.server;
    expect(server.headersTimeout).toBe(10_000);
    expect(server.requestTimeout).toBe(30_000);
    expect(server.timeout).toBe(60_000);
    // Longer than a load balancer's usual 60 s idle timeout, so the balancer closes first.
    expect(server.keepAliveTimeout).toBe(72_000);
  });
});
