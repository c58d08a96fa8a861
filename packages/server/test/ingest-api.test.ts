import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Api, api, check, DAY, expectProblem, uid } from "./support/delivery-helpers.js";
import { dialects } from "./support/dialects.js";
import { addTenant, json, type Tenant } from "./support/fixtures.js";
import { startTestApp, type TestApp, TestClock } from "./support/test-app.js";

const START = "2026-06-01T12:00:00.000Z";
/** A message's interaction counts when nothing counted toward it. */
const noCounts = { impression: 0, dismiss: 0, cta_click: 0, complete: 0 };

describe.each(dialects)("client ingest API on %s", (dialect) => {
  const clock = new TestClock();
  let t: TestApp;
  let tenant: Tenant;
  let a: Api;
  let other: Api;
  let n = 0;
  const user = () => `ingest-user-${++n}`;

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock });
    tenant = await addTenant(t.services, "ingest");
    a = api(t, tenant);
    other = api(t, await addTenant(t.services, "ingest-other"));
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(START));

  const impressions = async (id: string) => (await a.messageStats(id)).counts.impression;

  describe("POST /events", () => {
    it("counts accepted and duplicates; a retried batch changes no count", async () => {
      const m = await a.createMessage({ frequency: { cap: "none", maxImpressions: 2 } });
      const u = user();
      const batch = [
        { uuid: uid(), event: "$pageview", distinctId: u, properties: { path: "/app" } },
        {
          uuid: uid(),
          event: "message_impression",
          distinctId: u,
          properties: { messageId: m.id },
        },
        { uuid: uid(), event: "signed_up", distinctId: u },
      ];
      const first = await a.eventsRes(batch);
      expect(first.statusCode).toBe(202);
      expect(json(first)).toEqual({ accepted: 3, duplicates: 0 });
      const retry = await a.eventsRes(batch);
      expect(retry.statusCode).toBe(202);
      expect(json(retry)).toEqual({ accepted: 0, duplicates: 3 });
      // Half old, half new: only the new half is accepted.
      const mixed = await a.eventsRes([
        batch[1],
        { uuid: uid(), event: "signed_up", distinctId: u },
      ]);
      expect(json(mixed)).toEqual({ accepted: 1, duplicates: 1 });

      expect(await impressions(m.id)).toBe(1);
      expect((await a.messageStats(m.id)).users.impression).toBe(1);
      // One impression of maxImpressions 2: a double count would have hidden it.
      expect(await a.sees(u, m.id)).toBe(true);
    });

    it("counts a uuid repeated inside one batch once", async () => {
      const m = await a.createMessage({ frequency: { cap: "none", maxImpressions: 2 } });
      const u = user();
      const dup = {
        uuid: uid(),
        event: "message_impression",
        distinctId: u,
        properties: { messageId: m.id },
      };
      const res = await a.eventsRes([
        dup,
        dup,
        { ...dup },
        { uuid: uid(), event: "x", distinctId: u },
      ]);
      expect(res.statusCode).toBe(202);
      expect(json(res)).toEqual({ accepted: 2, duplicates: 2 });
      expect(await impressions(m.id)).toBe(1);
      expect(await a.sees(u, m.id)).toBe(true);
    });

    it("takes 500 events; refuses 501 and a body over 512 KiB with 413, writing nothing", async () => {
      const m = await a.createMessage({ frequency: { cap: "none" } });
      const u = user();
      const items = (count: number, event: string) =>
        Array.from({ length: count }, (_, i) => ({
          uuid: uid(),
          event: i === 0 ? "message_impression" : event,
          distinctId: u,
          properties: { messageId: m.id },
        }));
      const ok = await a.eventsRes(items(500, "five_hundred"));
      expect(ok.statusCode).toBe(202);
      expect(json(ok)).toEqual({ accepted: 500, duplicates: 0 });
      const namesBefore = await a.eventNames();
      expect(namesBefore).toContain("five_hundred");

      const tooMany = await a.eventsRes(items(501, "five_hundred_one"));
      const problem = expectProblem(tooMany, 413);
      expect(problem).toMatchObject({ code: "payload_too_large" });
      expect(problem.detail).toContain("500");

      const blob = "x".repeat(200 * 1024);
      const tooBig = await a.eventsRes(
        [0, 1, 2].map(() => ({
          uuid: uid(),
          event: "too_big",
          distinctId: u,
          properties: { blob },
        })),
      );
      expect(expectProblem(tooBig, 413)).toMatchObject({ code: "payload_too_large" });

      expect(await impressions(m.id)).toBe(1);
      expect(await a.eventNames()).toEqual(namesBefore);
    });

    it.each([
      ["a missing uuid", { event: "x" }, "batch.3.uuid"],
      ["a bad timestamp", { uuid: uid(), event: "x", timestamp: "yesterday" }, "batch.3.timestamp"],
      ["an unknown field", { uuid: uid(), event: "x", extra: 1 }, "batch.3.extra"],
      ["a non-object", "not an event", "batch.3"],
    ])(
      "refuses %s with 400 naming its index, and writes no item of the batch",
      async (_, bad, path) => {
        const m = await a.createMessage({ frequency: { cap: "ever" } });
        const u = user();
        const before = await a.eventNames();
        const item = typeof bad === "string" ? bad : { distinctId: u, ...bad };
        const res = await a.eventsRes([
          { uuid: uid(), event: "message_dismiss", distinctId: u, properties: { messageId: m.id } },
          {
            uuid: uid(),
            event: "message_impression",
            distinctId: u,
            properties: { messageId: m.id },
          },
          { uuid: uid(), event: "rejected_batch_marker", distinctId: u },
          item,
        ]);
        const problem = expectProblem(res, 400);
        expect(problem.code).toBe("validation_failed");
        expect(problem.errors?.map((e) => e.path)).toEqual([path]);
        expect(await a.messageStats(m.id)).toMatchObject({
          counts: noCounts,
        });
        expect(await a.eventNames()).toEqual(before);
        expect(await a.sees(u, m.id)).toBe(true);
      },
    );

    it("clamps future timestamps to server time; past ones are kept", async () => {
      const m = await a.createMessage({ frequency: { cap: "day" } });
      const u = user();
      await a.interact(m.id, u, "dismiss", clock.now() + 10 * DAY);
      expect(await a.sees(u, m.id)).toBe(false);
      clock.advance(DAY); // unclamped, the dismiss would still be 9 days in the future
      expect(await a.sees(u, m.id)).toBe(true);
      const stats = await a.messageStats(m.id);
      expect(stats.daily).toEqual([
        { date: "2026-06-01", counts: { impression: 0, dismiss: 1, cta_click: 0, complete: 0 } },
      ]);
      // Epoch milliseconds are a timestamp too.
      await a.events([
        {
          event: "message_impression",
          distinctId: u,
          properties: { messageId: m.id },
          timestamp: Date.parse("2026-05-30T08:00:00Z"),
        },
      ]);
      expect((await a.messageStats(m.id)).daily.map((d) => d.date)).toEqual([
        "2026-05-30",
        "2026-06-01",
      ]);
    });

    it("stores message events for another product's message id without counting them anywhere", async () => {
      const theirs = await other.createMessage({ frequency: { cap: "ever" } });
      const u = user();
      const res = await a.eventsRes(
        ["message_impression", "message_dismiss"].map((event) => ({
          uuid: uid(),
          event,
          distinctId: u,
          properties: { messageId: theirs.id },
        })),
      );
      expect(json(res)).toEqual({ accepted: 2, duplicates: 0 });
      expect(await a.eventNames()).toEqual(
        expect.arrayContaining(["message_dismiss", "message_impression"]),
      );
      expect((await a.productStats()).messages.map((s) => s.messageId)).not.toContain(theirs.id);
      expect((await other.messageStats(theirs.id)).counts).toEqual(noCounts);
      expect(await other.sees(u, theirs.id)).toBe(true);
    });

    it("takes events named like Object.prototype members as custom events, never as interactions", async () => {
      const m = await a.createMessage({ frequency: { cap: "ever" } });
      const u = user();
      const names = ["constructor", "toString", "__proto__", "hasOwnProperty"];
      const res = await a.eventsRes(
        names.map((event) => ({
          uuid: uid(),
          event,
          distinctId: u,
          properties: { messageId: m.id },
        })),
      );
      expect(res.statusCode, res.body).toBe(202);
      expect(json(res)).toEqual({ accepted: names.length, duplicates: 0 });
      expect(await a.eventNames()).toEqual(expect.arrayContaining(names));
      expect((await a.messageStats(m.id)).counts).toEqual(noCounts);
      expect(await a.sees(u, m.id)).toBe(true);
    });

    it("accepts a text/plain body (no preflight) and ?api_key=pk_…, refuses ?api_key=sk_… with 401", async () => {
      const body = JSON.stringify({
        batch: [{ uuid: uid(), event: "beacon", distinctId: user() }],
      });
      const beacon = await t.app.inject({
        method: "POST",
        url: `/api/v1/events?api_key=${tenant.publishableKey}`,
        headers: { "content-type": "text/plain;charset=UTF-8" },
        payload: body,
      });
      expect(beacon.statusCode, beacon.body).toBe(202);
      expect(json(beacon)).toEqual({ accepted: 1, duplicates: 0 });

      const notJson = await t.app.inject({
        method: "POST",
        url: `/api/v1/events?api_key=${tenant.publishableKey}`,
        headers: { "content-type": "text/plain" },
        payload: "{not json",
      });
      expectProblem(notJson, 400);

      for (const url of [
        `/api/v1/events?api_key=${tenant.secretKey}`,
        `/api/v1/messages/active?distinct_id=x&api_key=${tenant.secretKey}`,
      ]) {
        const res = await t.app.inject({
          method: url.includes("events") ? "POST" : "GET",
          url,
          headers: { "content-type": "text/plain" },
          ...(url.includes("events") ? { payload: body } : {}),
        });
        expect(expectProblem(res, 401).detail).toContain("publishable");
      }
      const active = await t.app.inject({
        url: `/api/v1/messages/active?distinct_id=x&api_key=${tenant.publishableKey}`,
      });
      expect(active.statusCode).toBe(200);
    });
  });

  describe("POST /messages/:id/track", () => {
    it("answers 202, is idempotent by uuid, 404 for unknown or foreign messages", async () => {
      const m = await a.createMessage({ frequency: { cap: "none" } });
      const u = user();
      const uuid = uid();
      const first = await a.track(m.id, { type: "impression", distinctId: u, uuid, step: 0 });
      expect(first.statusCode).toBe(202);
      expect(json(first)).toEqual({ accepted: 1, duplicates: 0 });
      const again = await a.track(m.id, { type: "impression", distinctId: u, uuid, step: 0 });
      expect(json(again)).toEqual({ accepted: 0, duplicates: 1 });
      expect(await impressions(m.id)).toBe(1);

      expect(
        expectProblem(await a.track("msg_doesnotexist", { type: "impression", distinctId: u }), 404)
          .detail,
      ).toBe("Message not found");
      const theirs = await other.createMessage();
      expectProblem(await a.track(theirs.id, { type: "dismiss", distinctId: u }), 404);
      expect((await other.messageStats(theirs.id)).counts.dismiss).toBe(0);
      expectProblem(await a.track(m.id, { type: "hover", distinctId: u }), 400);
    });
  });

  describe("POST /identify", () => {
    it("merges traits, last write wins per key", async () => {
      const m = await a.createMessage({
        audience: {
          type: "traits",
          filter: {
            and: [
              { trait: "plan", op: "eq", value: "team" },
              { trait: "seats", op: "eq", value: 3 },
            ],
          },
        },
      });
      const u = user();
      await a.identify({ distinctId: u, traits: { plan: "pro", seats: 3 } });
      expect(await a.sees(u, m.id)).toBe(false);
      await a.identify({ distinctId: u, traits: { plan: "team" } });
      expect(await a.sees(u, m.id)).toBe(true);
      await a.identify({ distinctId: u });
      expect(await a.sees(u, m.id)).toBe(true);
    });

    it("links an anonymous id: caps, milestones and the active list follow the person", async () => {
      const capped = await a.createMessage({ frequency: { cap: "ever" } });
      const later = await a.createMessage({ frequency: { cap: "ever" } });
      const anon = `anon-${uid()}`;
      const known = user();
      await a.identify({ distinctId: known, traits: { plan: "pro" } });
      await a.interact(capped.id, anon, "dismiss");
      await a.events([
        { event: "$milestone", distinctId: anon, properties: { name: "onboarded" } },
      ]);
      expect(await a.sees(known, capped.id)).toBe(true);

      await a.identify({ distinctId: known, anonymousId: anon });
      const person = await a.active(known);
      expect(person.milestones).toEqual(["onboarded"]);
      expect(person.messages.map((x) => x.id)).not.toContain(capped.id);
      // Asking with the anonymous id answers for the person.
      expect(await a.active(anon)).toEqual(person);
      // Events still sent under the anonymous id (an old tab) count for the person.
      await a.interact(later.id, anon, "complete");
      expect(await a.sees(known, later.id)).toBe(false);
    });

    it("records $milestone events: reported in /active and passing the diagnose trigger check", async () => {
      const m = await a.createMessage({
        trigger: { type: "milestone", milestone: "first_project" },
      });
      const u = user();
      expect((await a.active(u)).milestones).toEqual([]);
      expect(check(await a.diagnose(m.id, { distinct_id: u }), "trigger").passed).toBe(false);
      await a.events([
        { event: "$milestone", distinctId: u, properties: { name: "first_project" } },
        { event: "$milestone", distinctId: u, properties: { name: "first_project" } },
        { event: "$milestone", distinctId: u, properties: { name: "invited_team" } },
      ]);
      const body = await a.active(u, "&trigger=milestone");
      expect(body.milestones).toEqual(["first_project", "invited_team"]);
      expect(body.messages.map((x) => x.id)).toEqual([m.id]);
      expect(check(await a.diagnose(m.id, { distinct_id: u }), "trigger")).toEqual({
        rule: "trigger",
        passed: true,
        reason: 'Milestone "first_project" was reached by this user',
      });
    });
  });

  it("answers CORS preflights on client routes only", async () => {
    const preflight = (url: string) =>
      t.app.inject({
        method: "OPTIONS",
        url,
        headers: {
          origin: "https://customer.example",
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
    for (const url of [
      "/api/v1/events",
      "/api/v1/messages/active",
      "/api/v1/identify",
      "/api/v1/messages/msg_x/track",
    ]) {
      const res = await preflight(url);
      expect(res.statusCode, url).toBe(204);
      expect(res.headers["access-control-allow-origin"], url).toBe("*");
    }
    for (const url of [
      a.base,
      `${a.base}/messages`,
      `${a.base}/segments`,
      "/api/v1/products",
      "/api/v1/auth/login",
    ]) {
      const res = await preflight(url);
      expect(res.headers["access-control-allow-origin"], url).toBeUndefined();
      const get = await t.app.inject({
        url,
        headers: { ...a.admin, origin: "https://customer.example" },
      });
      expect(get.headers["access-control-allow-origin"], url).toBeUndefined();
    }
    const client = await t.app.inject({
      url: "/api/v1/messages/active?distinct_id=x",
      headers: { ...a.client, origin: "https://customer.example" },
    });
    expect(client.headers["access-control-allow-origin"]).toBe("*");
  });
});
