import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { expectProblem } from "./support/delivery-helpers.js";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, type Tenant } from "./support/fixtures.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

describe("NUDGE_TRUST_PROXY", () => {
  it("is a boolean or a list of proxy addresses and CIDRs", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ NUDGE_TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(loadConfig({ NUDGE_TRUST_PROXY: "0" }).trustProxy).toBe(false);
    expect(
      loadConfig({ NUDGE_TRUST_PROXY: "10.0.0.0/8, 127.0.0.1,::1,fd00::/8" }).trustProxy,
    ).toEqual(["10.0.0.0/8", "127.0.0.1", "::1", "fd00::/8"]);
    for (const bad of ["yes", "10.0.0.0/33", "10.0.0.0/8/1", "proxy.local", "::1/129", "1.2.3"]) {
      expect(() => loadConfig({ NUDGE_TRUST_PROXY: bad }), bad).toThrow(/NUDGE_TRUST_PROXY/);
    }
  });
});

/**
 * A client behind a proxy that appends to X-Forwarded-For controls every address left of the
 * proxy's. Per-IP limits must count the client's real address however it fills the header.
 */
describe.each(dialects)("per-IP limits behind a trusted proxy on %s", (dialect) => {
  const proxy = "10.9.0.1";
  const client = "203.0.113.7";

  async function spoofingClient(trust: string) {
    const t = await startTestApp(dialect, {
      env: { NUDGE_TRUST_PROXY: trust, NUDGE_RATE_LIMIT_CLIENT_PER_IP: "3/1m" },
    });
    const tenant = await addTenant(t.services, "proxied");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await t.app.inject({
        url: "/api/v1/messages/active?distinct_id=u1",
        headers: {
          ...bearer(tenant.publishableKey),
          "x-forwarded-for": `198.51.100.${i}, ${client}`,
        },
        remoteAddress: proxy,
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expectProblem(res, 429);
    }
    await t.close();
    return statuses;
  }

  it("with the proxy's CIDR trusted, a spoofed left-most address does not reset the budget", async () => {
    expect(await spoofingClient("10.0.0.0/8")).toEqual([200, 200, 200, 429, 429, 429]);
  });

  it("with every hop trusted, the left-most address counts (documented: the proxy must overwrite)", async () => {
    expect(await spoofingClient("true")).toEqual([200, 200, 200, 200, 200, 200]);
  });

  describe("session cookies", () => {
    let t: TestApp;
    let tenant: Tenant;
    beforeAll(async () => {
      t = await startTestApp(dialect, { env: { NUDGE_TRUST_PROXY: "10.0.0.0/8" } });
      tenant = await addTenant(t.services, "cookies");
    });
    afterAll(() => t.close());

    const loginFrom = async (remoteAddress: string) => {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email: tenant.email, password: tenant.password },
        headers: { "x-forwarded-proto": "https" },
        remoteAddress,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.cookies.find((c) => c.name === "nudge_session");
    };

    it("are Secure when a trusted proxy says https, and not when a client claims it", async () => {
      expect((await loginFrom(proxy))?.secure).toBe(true);
      expect((await loginFrom(client))?.secure).toBeFalsy();
    });
  });
});
