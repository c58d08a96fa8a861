import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ungroupedHistoryLimit } from "../src/storage/stores/history-rows.js";
import { type Api, api, check, DAY, HOUR, iso, MINUTE } from "./support/delivery-helpers.js";
import { dialects } from "./support/dialects.js";
import { addTenant } from "./support/fixtures.js";
import { startTestApp, type TestApp, TestClock } from "./support/test-app.js";

const START = "2026-06-01T12:00:00.000Z";
const threeSteps = [
  { type: "modal", title: "1/3", body: "First" },
  { type: "modal", title: "2/3", body: "Second" },
  { type: "modal", title: "3/3", body: "Third" },
];

/** SPEC §3 at the API: each rule, moved across its boundary by past timestamps or the clock. */
describe.each(dialects)("frequency rules through /messages/active on %s", (dialect) => {
  const clock = new TestClock();
  let t: TestApp;
  let a: Api;
  let n = 0;
  const user = () => `freq-user-${++n}`;
  const now = () => clock.now();

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock });
    a = api(t, await addTenant(t.services, "frequency"));
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(START));

  /** A product of its own, for product-wide settings (attention budget) and exact lists. */
  const freshProduct = async () => api(t, await addTenant(t.services, "budget"));

  it("cap ever: an impression alone does not consume; dismiss, cta_click and complete each do", async () => {
    const m = await a.createMessage({ frequency: { cap: "ever" }, steps: threeSteps });

    // Saw step 1 of 3 and walked away (the SDK sends no event for "Next"): not consumed, ever.
    const walker = user();
    await a.interact(m.id, walker, "impression", now() - 30 * DAY, { step: 0 });
    await a.interact(m.id, walker, "impression", now(), { step: 0 });
    expect(await a.sees(walker, m.id)).toBe(true);
    clock.advance(400 * DAY);
    expect(await a.sees(walker, m.id)).toBe(true);
    clock.set(START);

    for (const type of ["dismiss", "cta_click", "complete"] as const) {
      const u = user();
      await a.interact(m.id, u, "impression", now() - 2 * DAY);
      expect(await a.sees(u, m.id)).toBe(true);
      // A terminal interaction a year ago still consumes an `ever` cap.
      await a.interact(m.id, u, type, now() - 365 * DAY, { step: 1 });
      expect(await a.sees(u, m.id), type).toBe(false);
    }

    // The same through /messages/:id/track.
    const tracked = user();
    const res = await a.track(m.id, { type: "complete", distinctId: tracked, step: 2 });
    expect(res.statusCode).toBe(202);
    expect(await a.sees(tracked, m.id)).toBe(false);
    clock.advance(1000 * DAY);
    expect(await a.sees(tracked, m.id)).toBe(false);
  });

  it("cap day: a terminal 24 h − 1 ms ago excludes, one exactly 24 h ago does not", async () => {
    const m = await a.createMessage({ frequency: { cap: "day" } });
    let recent = "";
    for (const type of ["dismiss", "cta_click", "complete"] as const) {
      recent = user();
      await a.interact(m.id, recent, type, now() - DAY + 1);
      expect(await a.sees(recent, m.id), type).toBe(false);
      const old = user();
      await a.interact(m.id, old, type, now() - DAY);
      expect(await a.sees(old, m.id), type).toBe(true);
    }
    const d = await a.diagnose(m.id, { distinct_id: recent });
    expect(check(d, "cap")).toMatchObject({ passed: false });
    expect(check(d, "cap").reason).toContain("cap is day");

    // Moving the clock instead: hidden until exactly 24 h after the dismiss.
    const moving = user();
    await a.interact(m.id, moving, "dismiss");
    expect(await a.sees(moving, m.id)).toBe(false);
    clock.advance(DAY - 1);
    expect(await a.sees(moving, m.id)).toBe(false);
    clock.advance(1);
    expect(await a.sees(moving, m.id)).toBe(true);

    // An impression alone never starts the 24 h window.
    const viewer = user();
    await a.interact(m.id, viewer, "impression");
    expect(await a.sees(viewer, m.id)).toBe(true);
  });

  it("cap session: the server never filters, whatever the user did", async () => {
    const m = await a.createMessage({ frequency: { cap: "session" } });
    const u = user();
    for (const type of ["impression", "dismiss", "cta_click", "complete"] as const) {
      await a.interact(m.id, u, type);
      expect(await a.sees(u, m.id), type).toBe(true);
    }
    const d = await a.diagnose(m.id, { distinct_id: u });
    expect(check(d, "cap").passed).toBe(true);
    expect(check(d, "cap").reason).toMatch(/session/);
  });

  it("a user with more interactions than one ungrouped read returns: every row still counts", async () => {
    // Above ungroupedHistoryLimit rows SQLite groups in SQL instead; both forms must agree.
    const over = ungroupedHistoryLimit + 10;
    const p = await freshProduct();
    const heavy = await p.createMessage({ frequency: { cap: "none", maxImpressions: over + 1 } });
    const other = await p.createMessage({ frequency: { cap: "none", dismissDays: 7 } });
    await p.patchProduct({ attentionBudget: { maxPerWeek: over + 2 } });
    const u = user();
    const impressions = Array.from({ length: over }, (_, i) => ({
      event: "message_impression",
      distinctId: u,
      properties: { messageId: heavy.id },
      // Half inside the last 7 days, half before: the budget counts only the first half.
      timestamp: iso(now() - (i % 2 === 0 ? HOUR : 10 * DAY) - i * MINUTE),
    }));
    await p.events(impressions);
    await p.interact(other.id, u, "dismiss", now() - 8 * DAY);
    expect(new Set(await p.activeIds(u))).toEqual(new Set([heavy.id, other.id]));
    const d = await p.diagnose(heavy.id, { distinct_id: u });
    expect(check(d, "max_impressions").reason).toContain(`Shown ${over} times`);
    expect(check(d, "budget_week").reason).toContain(`User saw ${over / 2} messages`);

    // One more impression reaches maxImpressions; an older dismiss of `other` is outside 7 days.
    await p.interact(heavy.id, u, "impression", now() - 20 * DAY);
    expect(await p.activeIds(u)).toEqual([other.id]);
    await p.interact(other.id, u, "dismiss", now() - DAY);
    expect(await p.activeIds(u)).toEqual([]);
  });

  it("cap none: terminal interactions never exclude", async () => {
    const m = await a.createMessage({ frequency: { cap: "none" } });
    const u = user();
    for (const type of ["dismiss", "cta_click", "complete", "dismiss"] as const) {
      await a.interact(m.id, u, type);
      expect(await a.sees(u, m.id), type).toBe(true);
    }
  });

  it("maxImpressions N: N − 1 impressions keep it, the N-th excludes (however old)", async () => {
    const m = await a.createMessage({ frequency: { cap: "none", maxImpressions: 3 } });
    const u = user();
    await a.interact(m.id, u, "impression", now() - 90 * DAY);
    await a.interact(m.id, u, "impression", now() - 10 * DAY);
    expect(await a.sees(u, m.id)).toBe(true);
    await a.interact(m.id, u, "impression", now() - DAY);
    expect(await a.sees(u, m.id)).toBe(false);
    const d = await a.diagnose(m.id, { distinct_id: u });
    expect(check(d, "max_impressions")).toMatchObject({
      passed: false,
      reason: "Shown 3 times; maxImpressions is 3",
    });
    // Terminal interactions are not impressions.
    const other = user();
    for (const type of ["dismiss", "cta_click", "complete"] as const) {
      await a.interact(m.id, other, type);
    }
    expect(await a.sees(other, m.id)).toBe(true);
  });

  it("minIntervalHours H: hidden while the last impression is less than H hours old", async () => {
    const m = await a.createMessage({ frequency: { cap: "none", minIntervalHours: 6 } });
    const recent = user();
    await a.interact(m.id, recent, "impression", now() - 6 * HOUR + 1);
    expect(await a.sees(recent, m.id)).toBe(false);
    const exact = user();
    await a.interact(m.id, exact, "impression", now() - 6 * HOUR);
    expect(await a.sees(exact, m.id)).toBe(true);

    // The last impression is what counts, and the clock moves it out of the window.
    const u = user();
    await a.interact(m.id, u, "impression", now() - 3 * DAY);
    await a.interact(m.id, u, "impression", now() - HOUR);
    expect(await a.sees(u, m.id)).toBe(false);
    clock.advance(5 * HOUR - 1);
    expect(await a.sees(u, m.id)).toBe(false);
    clock.advance(1);
    expect(await a.sees(u, m.id)).toBe(true);
  });

  it("dismissDays D: hidden while the last dismiss is less than D days old; a CTA click is not a dismiss", async () => {
    const m = await a.createMessage({ frequency: { cap: "none", dismissDays: 3 } });
    const recent = user();
    await a.interact(m.id, recent, "dismiss", now() - 3 * DAY + 1);
    expect(await a.sees(recent, m.id)).toBe(false);
    const exact = user();
    await a.interact(m.id, exact, "dismiss", now() - 3 * DAY);
    expect(await a.sees(exact, m.id)).toBe(true);

    const clicker = user();
    await a.interact(m.id, clicker, "cta_click");
    await a.interact(m.id, clicker, "complete");
    expect(await a.sees(clicker, m.id)).toBe(true);

    const u = user();
    await a.interact(m.id, u, "dismiss");
    clock.advance(3 * DAY - 1);
    expect(await a.sees(u, m.id)).toBe(false);
    const d = await a.diagnose(m.id, { distinct_id: u });
    expect(check(d, "dismiss_days")).toMatchObject({ passed: false });
    expect(check(d, "dismiss_days").reason).toContain("dismissDays is 3");
    clock.advance(1);
    expect(await a.sees(u, m.id)).toBe(true);
  });

  it("schedule: live from startsAt (inclusive) until endsAt (exclusive)", async () => {
    const startsAt = "2026-06-02T00:00:00.000Z";
    const endsAt = "2026-06-03T00:00:00.000Z";
    const m = await a.createMessage({ schedule: { startsAt, endsAt } });
    const u = user();
    expect(await a.sees(u, m.id)).toBe(false);
    clock.set("2026-06-01T23:59:59.999Z");
    expect(await a.sees(u, m.id)).toBe(false);
    clock.set(startsAt);
    expect(await a.sees(u, m.id)).toBe(true);
    clock.set("2026-06-02T23:59:59.999Z");
    expect(await a.sees(u, m.id)).toBe(true);
    clock.set(endsAt);
    expect(await a.sees(u, m.id)).toBe(false);
    const d = await a.diagnose(m.id, { distinct_id: u });
    expect(check(d, "schedule")).toMatchObject({ passed: false });
    expect(check(d, "schedule").reason).toContain("ended");
  });

  it("sorts the response by priority, highest first", async () => {
    const p = await freshProduct();
    const low = await p.createMessage({ name: "low", priority: 5 });
    const high = await p.createMessage({ name: "high", priority: 95 });
    const mid = await p.createMessage({ name: "mid", priority: 50 });
    const top = await p.createMessage({ name: "top", priority: 100 });
    await p.createMessage({ name: "draft", priority: 100, status: "draft" });
    const body = await p.active(user());
    expect(body.messages.map((m) => [m.id, m.priority])).toEqual([
      [top.id, 100],
      [high.id, 95],
      [mid.id, 50],
      [low.id, 5],
    ]);
  });

  describe("attention budget", () => {
    it("maxPerDay counts impressions of every message over the last 24 h", async () => {
      const p = await freshProduct();
      const first = await p.createMessage({ frequency: { cap: "none" } });
      const second = await p.createMessage({ frequency: { cap: "none" } });
      const third = await p.createMessage({ frequency: { cap: "none" } });
      await p.patchProduct({ attentionBudget: { maxPerDay: 2 } });
      const u = user();
      await p.interact(first.id, u, "impression", now() - 2 * HOUR);
      expect(await p.activeIds(u)).toHaveLength(3);
      await p.interact(second.id, u, "impression", now() - DAY + 1);
      expect(await p.activeIds(u)).toEqual([]);
      const d = await p.diagnose(third.id, { distinct_id: u });
      expect(check(d, "budget_day")).toMatchObject({
        passed: false,
        reason: "User saw 2 messages in the last 24 hours; the product's maxPerDay is 2",
      });
      // The older impression leaves the 24 h window: one slot free again.
      clock.advance(2);
      expect(await p.activeIds(u)).toHaveLength(3);
    });

    it("an impression exactly 24 h (7 days) old has left the window, as for cap day", async () => {
      const p = await freshProduct();
      const first = await p.createMessage({ frequency: { cap: "none" } });
      const second = await p.createMessage({ frequency: { cap: "none" } });
      await p.patchProduct({ attentionBudget: { maxPerDay: 2 } });
      const v = user();
      await p.interact(first.id, v, "impression", now() - DAY);
      await p.interact(second.id, v, "impression", now() - HOUR);
      expect(check(await p.diagnose(first.id, { distinct_id: v }), "budget_day").reason).toContain(
        "User saw 1 message in the last 24 hours",
      );
      expect(await p.activeIds(v)).toHaveLength(2);

      await p.patchProduct({ attentionBudget: { maxPerWeek: 2 } });
      const w = user();
      await p.interact(first.id, w, "impression", now() - 7 * DAY);
      await p.interact(second.id, w, "impression", now() - HOUR);
      expect(await p.activeIds(w)).toHaveLength(2);
    });

    it("maxPerWeek counts the last 7 days", async () => {
      const p = await freshProduct();
      const m = await p.createMessage({ frequency: { cap: "none" } });
      await p.patchProduct({ attentionBudget: { maxPerWeek: 3 } });
      const u = user();
      await p.interact(m.id, u, "impression", now() - 8 * DAY);
      await p.interact(m.id, u, "impression", now() - 6 * DAY);
      await p.interact(m.id, u, "impression", now() - 3 * DAY);
      expect(await p.sees(u, m.id)).toBe(true);
      await p.interact(m.id, u, "impression", now() - 2 * DAY);
      expect(await p.sees(u, m.id)).toBe(false);
      expect(check(await p.diagnose(m.id, { distinct_id: u }), "budget_week").passed).toBe(false);
      clock.advance(DAY + 1); // the −6 d impression is now more than 7 days old
      expect(await p.sees(u, m.id)).toBe(true);
    });

    it("minMinutesBetween spaces any two impressions of the product", async () => {
      const p = await freshProduct();
      const seen = await p.createMessage({ frequency: { cap: "none" } });
      const other = await p.createMessage({ frequency: { cap: "none" } });
      await p.patchProduct({ attentionBudget: { minMinutesBetween: 30 } });
      const u = user();
      await p.interact(seen.id, u, "impression", now() - 30 * MINUTE + 1);
      expect(await p.activeIds(u)).toEqual([]);
      clock.advance(1);
      expect(new Set(await p.activeIds(u))).toEqual(new Set([seen.id, other.id]));
      // Clearing the budget lifts it at once.
      const v = user();
      await p.interact(seen.id, v, "impression");
      expect(await p.activeIds(v)).toEqual([]);
      await p.patchProduct({ attentionBudget: null });
      expect(await p.activeIds(v)).toHaveLength(2);
    });

    it("an ignoreBudget message still shows when the budget is spent, and its impressions do not count", async () => {
      const p = await freshProduct();
      const normal = await p.createMessage({ name: "normal", frequency: { cap: "none" } });
      const critical = await p.createMessage({
        name: "critical",
        frequency: { cap: "none" },
        ignoreBudget: true,
      });
      await p.patchProduct({
        autoRender: true,
        attentionBudget: { maxPerDay: 1, maxPerWeek: 5, minMinutesBetween: 60 },
      });

      const spent = user();
      await p.interact(normal.id, spent, "impression", now() - MINUTE);
      expect(await p.activeIds(spent)).toEqual([critical.id]);
      const d = await p.diagnose(critical.id, { distinct_id: spent });
      expect(d.visible).toBe(true);
      for (const rule of ["budget_day", "budget_week", "budget_interval"]) {
        expect(check(d, rule)).toMatchObject({
          passed: true,
          reason: expect.stringMatching(/Exempt/),
        });
      }

      const critOnly = user();
      for (let i = 0; i < 6; i++) {
        await p.interact(critical.id, critOnly, "impression", now() - i * MINUTE);
      }
      expect(new Set(await p.activeIds(critOnly))).toEqual(new Set([normal.id, critical.id]));
      const trace = await p.diagnose(normal.id, { distinct_id: critOnly });
      expect(check(trace, "budget_day").reason).toContain("User saw 0 messages");
      expect(check(trace, "budget_interval").reason).toContain("not seen any message");
    });

    it("an exempt message's impressions still do not count once it is paused", async () => {
      const p = await freshProduct();
      const normal = await p.createMessage({ frequency: { cap: "none" } });
      const critical = await p.createMessage({ frequency: { cap: "none" }, ignoreBudget: true });
      await p.patchProduct({ attentionBudget: { maxPerDay: 1 } });
      const u = user();
      await p.interact(critical.id, u, "impression", now() - HOUR);
      expect(await p.activeIds(u)).toHaveLength(2);
      await p.patchMessage(critical.id, critical.version, { status: "paused" });
      expect(await p.activeIds(u)).toEqual([normal.id]);
    });
  });
});
