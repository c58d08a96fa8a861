import { beforeAll, describe, expect, it } from "vitest";
import { expectProblem } from "./support/delivery-helpers.js";
import { dialects } from "./support/dialects.js";
import { addTenant, bearer, json, type Tenant } from "./support/fixtures.js";
import { type Minted, renderFixture } from "./support/render-fixture.js";
import { forge, renderSecret, richMessage, unsigned } from "./support/render-helpers.js";
import { startTestApp, type TestApp, type TestClock } from "./support/test-app.js";

/** Every way a render request is refused, and where the signing secret comes from. */
describe.each(dialects)("render refusals and the signing secret on %s", (dialect) => {
  const f = renderFixture(dialect);
  const { base, create, mint, render, withToken, forged, expectDenied } = f;
  let t: TestApp;
  let clock: TestClock;
  let a: Tenant;
  let b: Tenant;
  let messageId: string;
  let otherMessageId: string;
  let bMessageId: string;
  beforeAll(() => {
    ({ t, clock, a, b, messageId, otherMessageId, bMessageId } = f.state);
  });

  describe("GET /messages/:id/render", () => {
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
