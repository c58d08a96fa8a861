import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageProblems } from "../../content/test/support/safe-markup.js";
import { expectProblem } from "./support/delivery-helpers.js";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, json, type Tenant } from "./support/fixtures.js";
import {
  claimsOf,
  type ForgeOptions,
  forge,
  renderSecret,
  richMessage,
  unsigned,
} from "./support/render-helpers.js";
import { startTestApp, type TestApp, TestClock } from "./support/test-app.js";

interface Minted {
  token: string;
  expiresIn: number;
  url: string;
}

describe.each(dialects)("render tokens and the render endpoint on %s", (dialect) => {
  let t: TestApp;
  let clock: TestClock;
  let a: Tenant;
  let b: Tenant;
  let messageId: string;
  let otherMessageId: string;
  let bMessageId: string;

  const base = (tenant: Tenant) => `/api/v1/products/${tenant.productId}`;

  async function create(tenant: Tenant, overrides: Record<string, unknown> = {}) {
    const res = await t.app.inject({
      method: "POST",
      url: `${base(tenant)}/messages`,
      headers: bearer(tenant.secretKey),
      payload: richMessage(overrides),
    });
    expect(res.statusCode, res.body).toBe(201);
    return json<{ id: string; version: number }>(res).id;
  }

  function mintRes(id: string, headers: Record<string, string>, payload?: object) {
    return t.app.inject({
      method: "POST",
      url: `/api/v1/messages/${id}/render-token`,
      headers,
      ...(payload === undefined ? {} : { payload }),
    });
  }

  async function mint(id: string, key = a.publishableKey, payload?: object): Promise<Minted> {
    const res = await mintRes(id, bearer(key), payload);
    expect(res.statusCode, res.body).toBe(200);
    return json<Minted>(res);
  }

  const render = (id: string, query = "", headers: Record<string, string> = {}) =>
    t.app.inject({ url: `/api/v1/messages/${id}/render${query}`, headers });

  const withToken = (id: string, token: string) =>
    render(id, `?token=${encodeURIComponent(token)}`);

  /** A forged token for `messageId` of A, valid unless the options spoil it. */
  const forged = (claims: Record<string, unknown> = {}, options: ForgeOptions = {}) =>
    forge(clock.now(), { pid: a.productId, ...claims }, { sub: messageId, ...options });

  function expectDenied(res: LightMyRequestResponse, status: 401 | 404, detail: string) {
    const problem = expectProblem(res, status);
    expect(problem.detail).toBe(detail);
    expect(res.headers["cache-control"] ?? "").not.toContain("public");
  }

  beforeAll(async () => {
    clock = new TestClock();
    t = await startTestApp(dialect, { clock, env: { NUDGE_RENDER_SECRET: renderSecret } });
    a = await addTenant(t.services, "render-a");
    b = await addTenant(t.services, "render-b");
    messageId = await create(a);
    otherMessageId = await create(a, { name: "Another" });
    bMessageId = await create(b);
  });
  afterAll(() => t.close());

  describe("POST /messages/:id/render-token", () => {
    it("mints a 5-minute HS256 token bound to the message and product", async () => {
      const minted = await mint(messageId);
      expect(minted.expiresIn).toBe(300);
      expect(minted.url).toBe(`/api/v1/messages/${messageId}/render?token=${minted.token}`);
      const header = JSON.parse(Buffer.from(minted.token.split(".")[0]!, "base64url").toString());
      expect(header).toEqual({ alg: "HS256", typ: "JWT" });
      const claims = claimsOf(minted.token);
      expect(claims).toMatchObject({ sub: messageId, aud: "nudge-render", pid: a.productId });
      expect((claims.exp as number) - (claims.iat as number)).toBe(300);
      expect(claims.iat).toBe(Math.floor(clock.now() / 1000));
      expect(claims).not.toHaveProperty("pre");
    });

    it("accepts the SDK's text/plain body and no body at all; never cached", async () => {
      const res = await t.app.inject({
        method: "POST",
        url: `/api/v1/messages/${messageId}/render-token?api_key=${a.publishableKey}`,
        headers: { "content-type": "text/plain" },
        payload: JSON.stringify({ distinctId: "user-1", locale: "fr" }),
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(claimsOf(json<Minted>(res).token)).toMatchObject({ did: "user-1", loc: "fr" });
      expect((await mintRes(messageId, bearer(a.publishableKey))).statusCode).toBe(200);
    });

    it("answers a browser's preflight with open CORS", async () => {
      const res = await t.app.inject({
        method: "OPTIONS",
        url: `/api/v1/messages/${messageId}/render-token`,
        headers: {
          origin: "https://app.customer.example",
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization,content-type",
        },
      });
      expect(res.statusCode).toBeLessThan(300);
      expect(res.headers["access-control-allow-origin"]).toBe("*");
    });

    it("refuses a caller without a key (401), and another product's message (404)", async () => {
      const none = await mintRes(messageId, {});
      expectProblem(none, 401);
      expectDenied(await mintRes(messageId, bearer(b.publishableKey)), 404, "Message not found");
      expectDenied(await mintRes(messageId, bearer(b.secretKey)), 404, "Message not found");
      expectDenied(await mintRes("msg_nope", bearer(a.publishableKey)), 404, "Message not found");
    });

    it("gives a publishable key active messages only; a secret key any (a preview token)", async () => {
      const draft = await create(a, { status: "draft" });
      expectDenied(await mintRes(draft, bearer(a.publishableKey)), 404, "Message not found");
      const preview = await mint(draft, a.secretKey);
      expect(claimsOf(preview.token).pre).toBe(true);
      const res = await withToken(draft, preview.token);
      expect(res.statusCode, res.body).toBe(200);
    });

    it("answers 404 'Message has no content' for a message without blocks", async () => {
      const plain = await create(a, { steps: [{ type: "modal", title: "Hi", body: "Plain" }] });
      expectDenied(await mintRes(plain, bearer(a.publishableKey)), 404, "Message has no content");
      const empty = await create(a, {
        steps: [{ type: "modal", body: "x", content: { root: { props: {} }, content: [] } }],
      });
      expectDenied(await mintRes(empty, bearer(a.publishableKey)), 404, "Message has no content");
    });

    it("validates its body after authentication", async () => {
      expectProblem(await mintRes(messageId, {}, { distinctId: "" }), 401);
      const bad = await mintRes(messageId, bearer(a.publishableKey), { locale: "fr fr", x: 1 });
      expect(
        expectProblem(bad, 400)
          .errors?.map((e) => e.path)
          .sort(),
      ).toEqual(["locale", "x"]);
    });
  });

  describe("GET /messages/:id/render", () => {
    it("serves a complete, sanitized page for a token: public for 300 s, strict CSP, no referrer", async () => {
      const { token } = await mint(messageId);
      const res = await withToken(messageId, token);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(res.headers["cache-control"]).toBe("public, max-age=300");
      expect(res.headers.vary).toBe("Accept-Language");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain("script-src");
      expect(csp).toContain("frame-src https://www.youtube-nocookie.com");
      const html = res.body;
      expect(html.startsWith("<!doctype html>\n<html")).toBe(true);
      expect(html).toContain('<meta name="viewport" content="width=device-width,initial-scale=1');
      expect(html).toContain("<title>Welcome</title>");
      expect(html).toContain('<h2 class="nc-h">Rich heading</h2>');
      expect(html).toContain(
        '<a href="/docs" rel="noopener noreferrer"><strong>guide</strong></a>',
      );
      expect(html).toContain('src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"');
      expect(html).toContain('<a class="n-cta" href="https://example.com/start"');
      // With content, the plain body is the fallback of renderers without blocks.
      expect(html).not.toContain("Plain fallback");
      expect(pageProblems(html)).toEqual([]);
    });

    it("serves a page for a key too, private and varying on the credentials", async () => {
      for (const headers of [bearer(a.publishableKey), { "x-api-key": a.secretKey }]) {
        const res = await render(messageId, "", headers);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.headers["cache-control"]).toBe("private, max-age=300");
        expect(res.headers.vary).toBe("Authorization, X-API-Key, Accept-Language");
      }
      const viaQuery = await render(messageId, `?api_key=${a.publishableKey}`);
      expect(viaQuery.statusCode).toBe(200);
      expect(viaQuery.headers["cache-control"]).toBe("private, max-age=300");
    });

    it("applies the message's theme: dark, auto, and the author's colours", async () => {
      const dark = await create(a, {
        appearance: { theme: "dark", backgroundColor: "#101010", textColor: "#fafafa" },
      });
      const darkPage = (await render(dark, "", bearer(a.publishableKey))).body;
      expect(darkPage).toContain("color-scheme:dark");
      expect(darkPage).toContain(":root{--bg:#101010;--fg:#fafafa}");
      const auto = await create(a, { appearance: { theme: "auto" } });
      const autoPage = (await render(auto, "", bearer(a.publishableKey))).body;
      expect(autoPage).toContain("color-scheme:light dark");
      expect(autoPage).toContain("@media (prefers-color-scheme:dark)");
    });

    it("renders a step without blocks as title, image, body and CTA", async () => {
      const id = await create(a, {
        steps: [
          { type: "modal", title: "First", body: "Line one\nLine <two>", imageUrl: "/a.png" },
          {
            type: "modal",
            body: "x",
            content: { root: { props: {} }, content: [{ type: "Divider", props: { id: "d" } }] },
          },
        ],
      });
      const html = (await render(id, "", bearer(a.publishableKey))).body;
      expect(html).toContain(
        '<section class="n-step"><h1 class="n-title">First</h1><img class="n-img" src="/a.png" alt=""><div class="n-body"><p>Line one</p><p>Line &lt;two&gt;</p></div></section>',
      );
      expect(pageProblems(html)).toEqual([]);
    });

    describe("refuses, each with its documented status and message", () => {
      const now = () => Math.floor(clock.now() / 1000);
      const invalid = "Invalid or expired render token";

      it("no credentials at all → 401 API key or render token required", async () => {
        expectDenied(await render(messageId), 401, "API key or render token required");
        expectDenied(await render(messageId, "?token="), 401, "API key or render token required");
      });

      it("another product's key → 404 Message not found", async () => {
        expectDenied(
          await render(messageId, "", bearer(b.publishableKey)),
          404,
          "Message not found",
        );
        expectDenied(await render(messageId, "", bearer(b.secretKey)), 404, "Message not found");
      });

      it("another product's token, for its own message, on this message → 401", async () => {
        const { token } = await mint(bMessageId, b.publishableKey);
        expectDenied(await withToken(messageId, token), 401, invalid);
      });

      it("an expired token → 401", async () => {
        const { token } = await mint(messageId);
        clock.advance(301_000);
        try {
          expectDenied(await withToken(messageId, token), 401, invalid);
        } finally {
          clock.advance(-301_000);
        }
        expectDenied(
          await withToken(messageId, await forged({}, { exp: now() - 10 })),
          401,
          invalid,
        );
      });

      it("a token that is not valid yet (issued in the future, or nbf ahead) → 401", async () => {
        const future = await forged({}, { iat: now() + 120, exp: now() + 300 });
        expectDenied(await withToken(messageId, future), 401, invalid);
        const notBefore = await forged({}, { nbf: now() + 120 });
        expectDenied(await withToken(messageId, notBefore), 401, invalid);
      });

      it("a token for another message id → 401", async () => {
        const { token } = await mint(otherMessageId);
        expectDenied(await withToken(messageId, token), 401, invalid);
      });

      it("a tampered signature → 401", async () => {
        const { token } = await mint(messageId);
        const [h, p, s] = token.split(".") as [string, string, string];
        const flipped = `${s.slice(0, -2)}${s.endsWith("AA") ? "BB" : "AA"}`;
        expectDenied(await withToken(messageId, `${h}.${p}.${flipped}`), 401, invalid);
      });

      it("a tampered payload under the original signature → 401", async () => {
        const { token } = await mint(otherMessageId);
        const [h, p, s] = token.split(".") as [string, string, string];
        const claims = JSON.parse(Buffer.from(p, "base64url").toString());
        const edited = Buffer.from(JSON.stringify({ ...claims, sub: messageId })).toString(
          "base64url",
        );
        expectDenied(await withToken(messageId, `${h}.${edited}.${s}`), 401, invalid);
      });

      it("alg: none → 401", async () => {
        const token = unsigned({
          sub: messageId,
          aud: "nudge-render",
          pid: a.productId,
          iat: now(),
          exp: now() + 300,
        });
        expectDenied(await withToken(messageId, token), 401, invalid);
      });

      it("another algorithm with the right secret (HS512) → 401", async () => {
        expectDenied(await withToken(messageId, await forged({}, { alg: "HS512" })), 401, invalid);
      });

      it("a token signed with another secret → 401", async () => {
        const token = await forged({}, { secret: "another-secret-of-sufficient-length-0000" });
        expectDenied(await withToken(messageId, token), 401, invalid);
      });

      it("missing exp, missing iat, or exp more than 300 s after iat → 401", async () => {
        expectDenied(await withToken(messageId, await forged({}, { exp: null })), 401, invalid);
        expectDenied(await withToken(messageId, await forged({}, { iat: null })), 401, invalid);
        const long = await forged({}, { iat: now(), exp: now() + 301 });
        expectDenied(await withToken(messageId, long), 401, invalid);
      });

      it("a wrong or missing audience → 401", async () => {
        expectDenied(
          await withToken(messageId, await forged({}, { aud: "nudge-api" })),
          401,
          invalid,
        );
        expectDenied(await withToken(messageId, await forged({}, { aud: null })), 401, invalid);
      });

      it("a missing subject or product claim → 401", async () => {
        expectDenied(await withToken(messageId, await forged({}, { sub: null })), 401, invalid);
        const noProduct = await forge(clock.now(), {}, { sub: messageId });
        expectDenied(await withToken(messageId, noProduct), 401, invalid);
      });

      it("garbage in ?token= → 401", async () => {
        for (const junk of ["abc", "a.b.c", "..", `${"x".repeat(4000)}`]) {
          expectDenied(await withToken(messageId, junk), 401, invalid);
        }
      });

      it("a message without content → 404 Message has no content", async () => {
        const plain = await create(a, { steps: [{ type: "modal", title: "Hi", body: "Plain" }] });
        const token = await forge(clock.now(), { pid: a.productId }, { sub: plain });
        expectDenied(await withToken(plain, token), 404, "Message has no content");
        expectDenied(
          await render(plain, "", bearer(a.publishableKey)),
          404,
          "Message has no content",
        );
      });

      it("a deleted message → 404 Message not found, token or key", async () => {
        const doomed = await create(a, { name: "Doomed" });
        const { token } = await mint(doomed);
        const del = await t.app.inject({
          method: "DELETE",
          url: `${base(a)}/messages/${doomed}`,
          headers: bearer(a.secretKey),
        });
        expect(del.statusCode).toBe(204);
        expectDenied(await withToken(doomed, token), 404, "Message not found");
        expectDenied(await render(doomed, "", bearer(a.publishableKey)), 404, "Message not found");
      });

      it("a message paused after a publishable key's token was minted → 404", async () => {
        const id = await create(a, { name: "Soon paused" });
        const { token } = await mint(id);
        const patch = await t.app.inject({
          method: "PATCH",
          url: `${base(a)}/messages/${id}`,
          headers: bearer(a.secretKey),
          payload: { version: 1, status: "paused" },
        });
        expect(patch.statusCode, patch.body).toBe(200);
        expectDenied(await withToken(id, token), 404, "Message not found");
        expectDenied(await render(id, "", bearer(a.publishableKey)), 404, "Message not found");
      });

      it("a revoked key, or a secret key in the URL → 401", async () => {
        const created = await t.app.inject({
          method: "POST",
          url: `${base(a)}/keys`,
          headers: bearer(a.secretKey),
          payload: { type: "publishable", name: "Soon revoked" },
        });
        const key = json<{ id: string; key: string }>(created);
        await t.app.inject({
          method: "DELETE",
          url: `${base(a)}/keys/${key.id}`,
          headers: bearer(a.secretKey),
        });
        expectDenied(
          await render(messageId, "", bearer(key.key)),
          401,
          "Invalid or revoked API key",
        );
        expectDenied(
          await render(messageId, `?api_key=${a.secretKey}`),
          401,
          "Only publishable keys may be sent as ?api_key=",
        );
      });

      it("authenticates before validating: 401 for junk without credentials, 400 with them", async () => {
        expectDenied(await render(messageId, "?bogus=1"), 401, "API key or render token required");
        const { token } = await mint(messageId);
        const res = await render(messageId, `?token=${token}&bogus=1`);
        expect(expectProblem(res, 400).errors?.map((e) => e.path)).toEqual(["querystring.bogus"]);
      });
    });

    it("shares its signing secret through the database when none is configured", async () => {
      const own = await startTestApp(dialect, { clock });
      try {
        const tenant = await addTenant(own.services, "render-db-secret");
        const res = await own.app.inject({
          method: "POST",
          url: `/api/v1/products/${tenant.productId}/messages`,
          headers: bearer(tenant.secretKey),
          payload: richMessage(),
        });
        const id = json<{ id: string }>(res).id;
        const minted = await own.app.inject({
          method: "POST",
          url: `/api/v1/messages/${id}/render-token`,
          headers: bearer(tenant.publishableKey),
        });
        const { token } = json<Minted>(minted);
        // Another node (or this one after a restart) reads the same secret from the database.
        const { RenderTokens } = await import("../src/domain/render/render-tokens.js");
        const other = new RenderTokens(own.services.stores.serverSecrets, clock, undefined);
        await expect(other.verify(token, id)).resolves.toMatchObject({
          productId: tenant.productId,
        });
        const stranger = new RenderTokens(own.services.stores.serverSecrets, clock, renderSecret);
        await expect(stranger.verify(token, id)).rejects.toThrow(/Invalid or expired/);
      } finally {
        await own.close();
      }
    });
  });
});
