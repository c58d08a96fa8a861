import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redactUrl } from "../src/http/log-serializers.js";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, json, type Tenant } from "./support/fixtures.js";
import { renderSecret, richMessage } from "./support/render-helpers.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

describe("redactUrl", () => {
  it.each([
    ["/api/v1/messages/m/render?token=eyJ.abc.def", "/api/v1/messages/m/render?token=[redacted]"],
    [
      "/api/v1/messages/active?api_key=pk_1&distinct_id=u1&user_hash=ff00",
      "/api/v1/messages/active?api_key=[redacted]&distinct_id=u1&user_hash=[redacted]",
    ],
    ["/a?TOKEN=x&tok%65n=y#frag", "/a?TOKEN=[redacted]&tok%65n=[redacted]#frag"],
    ["/a?token", "/a?token=[redacted]"],
    ["/a?%zz=1&token=2", "/a?%zz=1&token=[redacted]"],
    ["/healthz", "/healthz"],
    ["/a?locale=fr&distinct_id=u", "/a?locale=fr&distinct_id=u"],
  ])("%s", (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

describe.each(dialects)("request logs on %s", (dialect) => {
  let t: TestApp;
  let a: Tenant;
  const lines: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(dialect, {
      env: { NUDGE_RENDER_SECRET: renderSecret },
      logStream: { write: (line) => lines.push(line) },
    });
    a = await addTenant(t.services, "logs");
  });
  afterAll(() => t.close());

  it("never carry a render token, user hash or API key from the query string", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: `/api/v1/products/${a.productId}/messages`,
      headers: bearer(a.secretKey),
      payload: richMessage(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = json<{ id: string }>(created).id;
    const minted = await t.app.inject({
      method: "POST",
      url: `/api/v1/messages/${id}/render-token`,
      headers: bearer(a.publishableKey),
    });
    const { token } = json<{ token: string }>(minted);
    const rendered = await t.app.inject({ url: `/api/v1/messages/${id}/render?token=${token}` });
    expect(rendered.statusCode, rendered.body).toBe(200);
    const active = await t.app.inject({
      url: `/api/v1/messages/active?api_key=${a.publishableKey}&distinct_id=u1&user_hash=abc123`,
    });
    expect(active.statusCode, active.body).toBe(200);

    const logged = lines.join("");
    expect(logged).toContain(`/api/v1/messages/${id}/render?token=[redacted]`);
    expect(logged).toContain("api_key=[redacted]&distinct_id=u1&user_hash=[redacted]");
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(a.publishableKey);
    expect(logged).not.toContain("abc123");
  });
});
