import { beforeAll, describe, expect, it } from "vitest";
import { pageProblems } from "../../content/test/support/safe-markup.js";
import { expectProblem } from "./support/delivery-helpers.js";
import { dialects } from "./support/dialects.js";
import { bearer, json, type Tenant } from "./support/fixtures.js";
import { type Minted, renderFixture } from "./support/render-fixture.js";
import { claimsOf } from "./support/render-helpers.js";
import type { TestApp, TestClock } from "./support/test-app.js";

describe.each(dialects)("render tokens and pages on %s", (dialect) => {
  const f = renderFixture(dialect);
  const { create, mintRes, mint, render, withToken, expectDenied } = f;
  let t: TestApp;
  let clock: TestClock;
  let a: Tenant;
  let b: Tenant;
  let messageId: string;
  beforeAll(() => {
    ({ t, clock, a, b, messageId } = f.state);
  });

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
  });
});
