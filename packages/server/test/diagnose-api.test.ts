import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type Api,
  api,
  check,
  DAY,
  type Diagnosis,
  expectProblem,
  HOUR,
} from "./support/delivery-helpers.js";
import { dialects } from "./support/dialects.js";
import { addTenant, json } from "./support/fixtures.js";
import { startTestApp, type TestApp, TestClock } from "./support/test-app.js";

const START = "2026-06-01T12:00:00.000Z";
const traceOrder = [
  "auto_render",
  "trigger",
  "url",
  "status",
  "schedule",
  "audience",
  "cap",
  "max_impressions",
  "min_interval",
  "dismiss_days",
  "budget_day",
  "budget_week",
  "budget_interval",
];
const zero = { impression: 0, dismiss: 0, cta_click: 0, complete: 0 };

/** The failing checks of a diagnosis, by rule. */
const failing = (d: Diagnosis) => d.checks.filter((c) => !c.passed).map((c) => c.rule);

describe.each(dialects)("diagnose and stats on %s", (dialect) => {
  const clock = new TestClock();
  let t: TestApp;
  let a: Api;
  let n = 0;
  const user = () => `diag-user-${++n}`;
  const now = () => clock.now();

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock });
    a = api(t, await addTenant(t.services, "diagnose"));
    await a.patchProduct({ autoRender: true });
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(START));

  const signupTour = (overrides: Record<string, unknown> = {}) =>
    a.createMessage({
      trigger: { type: "event", event: "signup_completed", urlRegex: "^/app/billing" },
      ...overrides,
    });
  const okQuery = (u: string) => ({
    distinct_id: u,
    path: "/app/billing/plans",
    event: "signup_completed",
  });

  it("says visible with every check passing when everything is right", async () => {
    const m = await signupTour();
    const u = user();
    const d = await a.diagnose(m.id, okQuery(u));
    expect(d).toMatchObject({ messageId: m.id, distinctId: u, visible: true });
    expect(d.checks.map((c) => c.rule)).toEqual(traceOrder);
    for (const c of d.checks) {
      expect(c.passed, c.rule).toBe(true);
      expect(c.reason.length, c.rule).toBeGreaterThan(10);
    }
    expect(check(d, "trigger").reason).toBe('Event "signup_completed" matches the trigger');
    expect(check(d, "url").reason).toBe('"/app/billing/plans" matches ^/app/billing');
    expect(d.notes.length).toBeGreaterThan(0);
    expect(await a.sees(u, m.id)).toBe(true);
  });

  it("cause 1: the status is not Active", async () => {
    for (const status of ["draft", "paused"] as const) {
      const m = await signupTour({ status });
      const d = await a.diagnose(m.id, okQuery(user()));
      expect(d.visible).toBe(false);
      expect(failing(d)).toEqual(["status"]);
      expect(check(d, "status").reason).toBe(
        `Message is ${status === "draft" ? "a draft" : "paused"}; only active messages are shown`,
      );
    }
  });

  it("cause 2: the product's auto-render toggle is off", async () => {
    const p = api(t, await addTenant(t.services, "no-autorender"));
    const m = await p.createMessage();
    const u = user();
    const d = await p.diagnose(m.id, { distinct_id: u, path: "/app" });
    expect(failing(d)).toEqual(["auto_render"]);
    expect(check(d, "auto_render").reason).toContain("Auto-render is off");
    // The headless API still returns it; the SDK just renders nothing by itself.
    expect(await p.active(u)).toMatchObject({ autoRender: false, messages: [{ id: m.id }] });
    await p.patchProduct({ autoRender: true });
    expect((await p.diagnose(m.id, { distinct_id: u, path: "/app" })).visible).toBe(true);
    expect((await p.active(u)).autoRender).toBe(true);
  });

  it("cause 3: the trigger event name does not match what the SDK fires", async () => {
    const m = await signupTour();
    const d = await a.diagnose(m.id, { ...okQuery(user()), event: "Signup_Completed" });
    expect(failing(d)).toEqual(["trigger"]);
    expect(check(d, "trigger").reason).toBe(
      'The trigger waits for "signup_completed" but the event was "Signup_Completed" (names are case-sensitive)',
    );
    const page = await a.createMessage({ trigger: { type: "page" } });
    const onClick = await a.diagnose(page.id, { distinct_id: user(), event: "$click" });
    expect(failing(onClick)).toEqual(["trigger"]);
    expect(check(onClick, "trigger").reason).toContain("$pageview");
  });

  it("cause 4: the URL regex does not match location.pathname", async () => {
    const m = await signupTour();
    for (const path of ["/settings", "/APP/billing", "https://shop.example/app/billing"]) {
      const d = await a.diagnose(m.id, { ...okQuery(user()), path });
      expect(failing(d), path).toEqual(["url"]);
      expect(check(d, "url").reason).toContain(`"${path}" does not match ^/app/billing`);
    }
  });

  it("cause 5: the cap has been consumed (and another distinct id is fine)", async () => {
    const m = await signupTour({ frequency: { cap: "ever" } });
    const u = user();
    await a.interact(m.id, u, "dismiss", now() - 5 * DAY);
    const d = await a.diagnose(m.id, okQuery(u));
    expect(failing(d)).toEqual(["cap"]);
    expect(check(d, "cap").reason).toBe(
      "User already dismissed, clicked or completed this campaign; cap is ever",
    );
    expect((await a.diagnose(m.id, okQuery(user()))).visible).toBe(true);
  });

  it("names audience, schedule and frequency failures, several at once", async () => {
    const m = await signupTour({
      audience: { type: "traits", filter: { trait: "plan", op: "eq", value: "pro" } },
      schedule: { startsAt: "2026-07-01T00:00:00Z" },
      frequency: { cap: "none", maxImpressions: 1, minIntervalHours: 2 },
    });
    const u = user();
    await a.interact(m.id, u, "impression", now() - HOUR);
    const d = await a.diagnose(m.id, { ...okQuery(u), path: "/home" });
    expect(failing(d)).toEqual(["url", "schedule", "audience", "max_impressions", "min_interval"]);
    expect(check(d, "schedule").reason).toContain("Not started yet");
    expect(check(d, "audience").reason).toBe("User traits do not match the audience filter");
    expect(check(d, "min_interval").reason).toContain("minIntervalHours is 2");

    const score = await signupTour({ audience: { type: "score", churnProbGt: 0.5 } });
    const sd = await a.diagnose(score.id, okQuery(user()));
    expect(failing(sd)).toEqual(["audience"]);
    expect(check(sd, "audience").reason).toContain("no churn score");
  });

  it("answers 404 for another product's message and 400 without a distinct id", async () => {
    const other = api(t, await addTenant(t.services, "diag-other"));
    const theirs = await other.createMessage();
    const res = await t.app.inject({
      url: `${a.base}/messages/${theirs.id}/diagnose?distinct_id=x`,
      headers: a.admin,
    });
    expect(expectProblem(res, 404).detail).toBe("Message not found");
    const foreignProduct = await t.app.inject({
      url: `${other.base}/messages/${theirs.id}/diagnose?distinct_id=x`,
      headers: a.admin,
    });
    expectProblem(foreignProduct, 404);
    const mine = await a.createMessage();
    const noUser = await t.app.inject({
      url: `${a.base}/messages/${mine.id}/diagnose`,
      headers: a.admin,
    });
    expectProblem(noUser, 400);
  });

  describe("stats", () => {
    it("per message: counts, users, rates, daily and per-step; per product: totals and per message", async () => {
      const p = api(t, await addTenant(t.services, "stats"));
      const tour = await p.createMessage({ frequency: { cap: "none" } });
      const banner = await p.createMessage({ frequency: { cap: "none" } });
      await p.createMessage({ status: "draft" });
      const day1 = Date.parse("2026-05-30T10:00:00Z");
      const day2 = Date.parse("2026-05-31T11:59:59Z");
      const imp = (id: string, u: string, at: number, step = 0) =>
        p.interact(id, u, "impression", at, { step });
      await imp(tour.id, "u1", day1);
      await imp(tour.id, "u2", day1);
      await imp(tour.id, "u3", day2);
      await imp(tour.id, "u1", now());
      await p.interact(tour.id, "u1", "dismiss", day1, { step: 0 });
      await p.interact(tour.id, "u2", "cta_click", day2, { step: 1 });
      await p.interact(tour.id, "u3", "cta_click", day2, { step: 1 });
      await p.interact(tour.id, "u3", "complete", now(), { step: 2 });
      for (const u of ["u1", "u2", "u4"]) await imp(banner.id, u, now());
      await p.interact(banner.id, "u4", "complete", now());

      const stats = await p.messageStats(tour.id);
      expect(stats).toEqual({
        messageId: tour.id,
        counts: { impression: 4, dismiss: 1, cta_click: 2, complete: 1 },
        users: { impression: 3, dismiss: 1, cta_click: 2, complete: 1 },
        rates: { dismiss: 0.25, ctaClick: 0.5, complete: 0.25 },
        daily: [
          { date: "2026-05-30", counts: { ...zero, impression: 2, dismiss: 1 } },
          { date: "2026-05-31", counts: { ...zero, impression: 1, cta_click: 2 } },
          { date: "2026-06-01", counts: { ...zero, impression: 1, complete: 1 } },
        ],
        steps: [
          { step: 0, counts: { ...zero, impression: 4, dismiss: 1 } },
          { step: 1, counts: { ...zero, cta_click: 2 } },
          { step: 2, counts: { ...zero, complete: 1 } },
        ],
      });
      expect((await p.messageStats(banner.id)).rates).toEqual({
        dismiss: 0,
        ctaClick: 0,
        complete: 0.3333,
      });

      const recent = await t.app.inject({
        url: `${p.base}/messages/${tour.id}/stats?days=1`,
        headers: p.admin,
      });
      expect(json(recent)).toMatchObject({
        counts: { impression: 1, dismiss: 0, cta_click: 0, complete: 1 },
      });
      expectProblem(
        await t.app.inject({ url: `${p.base}/messages/${tour.id}/stats?days=0`, headers: p.admin }),
        400,
      );
      expectProblem(
        await t.app.inject({ url: `${a.base}/messages/${tour.id}/stats`, headers: a.admin }),
        404,
      );

      const product = await p.productStats();
      expect(product).toMatchObject({ total: 3, active: 2, impressions: 7 });
      expect(product.messages).toHaveLength(2);
      expect(product.messages).toEqual(
        expect.arrayContaining([
          { messageId: tour.id, counts: stats.counts, rates: stats.rates },
          {
            messageId: banner.id,
            counts: { ...zero, impression: 3, complete: 1 },
            rates: { dismiss: 0, ctaClick: 0, complete: 0.3333 },
          },
        ]),
      );
      expect(product.daily).toEqual([
        { date: "2026-05-30", counts: { ...zero, impression: 2, dismiss: 1 } },
        { date: "2026-05-31", counts: { ...zero, impression: 1, cta_click: 2 } },
        { date: "2026-06-01", counts: { ...zero, impression: 4, complete: 2 } },
      ]);
    });

    it("starts at zero", async () => {
      const p = api(t, await addTenant(t.services, "empty-stats"));
      const m = await p.createMessage();
      expect(await p.messageStats(m.id)).toEqual({
        messageId: m.id,
        counts: zero,
        users: zero,
        rates: { dismiss: 0, ctaClick: 0, complete: 0 },
        daily: [],
        steps: [],
      });
      expect(await p.productStats()).toEqual({
        total: 1,
        active: 1,
        impressions: 0,
        messages: [],
        daily: [],
      });
    });
  });
});
